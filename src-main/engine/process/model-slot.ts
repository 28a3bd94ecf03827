// The engine keeps the model it last used loaded, so every story and regeneration on it reuses the
// same sessions. One slot only: a second SDXL model held beside the first could exhaust memory.
import { resolve } from 'node:path';
import { loadModel } from '../models/index.ts';
import type { LoadedModel } from '../models/index.ts';

interface HeldModel {
  key: string;
  model: Promise<LoadedModel>;
}

export class ModelSlot {
  readonly #onWarning: (message: string) => void;
  #held: HeldModel | undefined;

  /** `onWarning` hears what loading notices (a provider that fell back to CPU, …). */
  constructor(onWarning: (message: string) => void) {
    this.#onWarning = onWarning;
  }

  /** The loaded model for `dir` on `provider` (undefined: the models module's choice), loading it unless it is the one held. */
  async get(dir: string, provider: string | undefined, derivedRoot?: string): Promise<LoadedModel> {
    const key = `${provider ?? 'auto'}\0${resolve(dir)}\0${derivedRoot ?? ''}`;
    let held = this.#held;
    if (held?.key !== key) {
      await this.#release();
      held = { key, model: loadModel(dir, { provider, derivedRoot, onWarning: this.#onWarning }) };
      this.#held = held;
    }
    try {
      return await held.model;
    } catch (error) {
      // A failed load is not kept: the folder may be fixed before the next attempt.
      if (this.#held === held) this.#held = undefined;
      throw error;
    }
  }

  async #release(): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    await held?.model.then((model) => model.release(), () => {});
  }
}
