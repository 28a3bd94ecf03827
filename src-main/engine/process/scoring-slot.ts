// The scoring models the engine keeps loaded (a CLIP and a DINOv2 at most: both small, on the CPU provider), and the
// scoring of rendered images with them. Cancellable between batches; the main process cancels a scoring run as soon
// as a generation job wants the engine.
import { resolve } from 'node:path';
import { cosine, loadScoringModel, type ScoringModel } from '../scoring/index.ts';
import type { ScoredImage } from './protocol.ts';

export class ScoringSlot {
  readonly #held = new Map<string, Promise<ScoringModel>>();

  async #get(dir: string): Promise<ScoringModel> {
    const key = resolve(dir);
    let model = this.#held.get(key);
    if (!model) {
      // At most one CLIP and one DINOv2: a model of the same kind from another folder replaces the held one.
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

  async score(clipDir: string, dinoDir: string | null, items: readonly { png: Uint8Array; text: string }[], signal: AbortSignal): Promise<ScoredImage[]> {
    const clip = await this.#get(clipDir);
    if (clip.kind !== 'clip') throw new Error(`${clipDir}: is a ${clip.kind} model, not CLIP`);
    const dino = dinoDir ? await this.#get(dinoDir) : null;
    if (dino && dino.kind !== 'dinov2') throw new Error(`${dinoDir}: is a ${dino.kind} model, not DINOv2`);
    const images = items.map((item) => Buffer.from(item.png.buffer, item.png.byteOffset, item.png.byteLength));
    const imageEmbeds = await clip.embedImages(images, signal);
    const textEmbeds = await clip.embedTexts(items.map((item) => item.text), signal);
    const dinoEmbeds = dino ? await dino.embedImages(images, signal) : null;
    signal.throwIfAborted();
    return imageEmbeds.map((embedding, i) => ({
      clipT: 100 * cosine(embedding, textEmbeds[i]),
      clip: Array.from(embedding),
      dino: dinoEmbeds ? Array.from(dinoEmbeds[i]) : null,
    }));
  }
}
