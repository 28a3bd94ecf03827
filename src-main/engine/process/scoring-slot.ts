// The scoring models the engine keeps loaded (a CLIP, a DINOv2 and a background remover at most: small, on the CPU
// provider), and the scoring of rendered images with them. Cancellable between batches; the main process cancels a scoring run as soon
// as a generation job wants the engine.
import { resolve } from 'node:path';
import { loadScoringModel, scoreImages, type ScoringModel } from '../scoring/index.ts';
import type { ScoredImage } from './protocol.ts';

export class ScoringSlot {
  readonly #held = new Map<string, Promise<ScoringModel>>();

  async #get(dir: string): Promise<ScoringModel> {
    const key = resolve(dir);
    let model = this.#held.get(key);
    if (!model) {
      // At most one model of each kind: a model of the same kind from another folder replaces the held one.
      model = loadScoringModel(key);
      this.#held.set(key, model);
      model.catch(() => this.#held.delete(key));
    }
    const loaded = await model;
    for (const [other, held] of this.#held) {
      if (other !== key && (await held.catch(() => null))?.kind === loaded.kind) {
        this.#held.delete(other);
        void held.then((m) => m.release(), () => {});
      }
    }
    return loaded;
  }

  async #ofKind<K extends ScoringModel['kind']>(dir: string, kind: K, name: string): Promise<Extract<ScoringModel, { kind: K }>> {
    const model = await this.#get(dir);
    if (model.kind !== kind) throw new Error(`${dir}: is a ${model.kind} model, not ${name}`);
    return model as Extract<ScoringModel, { kind: K }>;
  }

  async score(dirs: { clipDir: string; dinoDir: string | null; segmentationDir: string | null }, items: readonly { png: Uint8Array; text: string }[], signal: AbortSignal): Promise<ScoredImage[]> {
    const clip = await this.#ofKind(dirs.clipDir, 'clip', 'CLIP');
    const dino = dirs.dinoDir ? await this.#ofKind(dirs.dinoDir, 'dinov2', 'DINOv2') : null;
    const background = dirs.segmentationDir ? await this.#ofKind(dirs.segmentationDir, 'segmentation', 'a background remover') : null;
    const images = items.map((item) => ({ image: Buffer.from(item.png.buffer, item.png.byteOffset, item.png.byteLength), text: item.text }));
    const scored = await scoreImages(images, { clip, dino, background }, signal);
    return scored.map((s) => ({ clipT: s.clipT, clip: Array.from(s.clip), dino: s.dino ? Array.from(s.dino) : null }));
  }
}
