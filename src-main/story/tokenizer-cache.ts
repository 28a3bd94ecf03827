import { join } from 'node:path';
import type { PlanTokenizer } from '../engine/conditioning/index.ts';
import { loadHfClipTokenizer } from '../engine/tokenizer/index.ts';

/**
 * Each model's first tokenizer (the one the story plan uses), read once: the token meter asks on every
 * keystroke. A failed read is not kept, so a folder that comes back is read again.
 */
export class TokenizerCache {
  readonly #byFolder = new Map<string, Promise<PlanTokenizer>>();

  get(modelDir: string): Promise<PlanTokenizer> {
    let loading = this.#byFolder.get(modelDir);
    if (!loading) {
      loading = loadHfClipTokenizer(join(modelDir, 'tokenizer'));
      const attempt = loading;
      attempt.catch(() => {
        if (this.#byFolder.get(modelDir) === attempt) this.#byFolder.delete(modelDir);
      });
      this.#byFolder.set(modelDir, loading);
    }
    return loading;
  }

  /** The folder may hold another model now (it was registered again). */
  forget(modelDir: string): void {
    this.#byFolder.delete(modelDir);
  }
}
