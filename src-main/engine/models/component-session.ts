// One component's ONNX session, counting its runs and the time spent inside run().
import type { InferenceSession, Tensor } from 'onnxruntime-node';

export interface ComponentCounters {
  /** items evaluated: a run on a batch of n counts n */
  runs: number;
  sessionMs: number;
}

export class ComponentSession {
  /** the component's folder name: text_encoder, text_encoder_2, unet, vae_decoder */
  readonly name: string;
  readonly path: string;
  readonly session: InferenceSession;
  readonly counters: ComponentCounters = { runs: 0, sessionMs: 0 };

  constructor(name: string, path: string, session: InferenceSession) {
    this.name = name;
    this.path = path;
    this.session = session;
  }

  /** Runs the graph on `batch` items and returns the outputs named in `fetches`. */
  async run(feeds: Record<string, Tensor>, fetches: readonly string[], batch: number): Promise<Record<string, Tensor>> {
    const start = performance.now();
    let outputs: InferenceSession.ReturnType;
    try {
      outputs = await this.session.run(feeds, [...fetches]);
    } catch (error) {
      throw new Error(`${this.path}: ONNX Runtime failed to run it: ${firstLine(error)}`, { cause: error });
    } finally {
      this.counters.sessionMs += performance.now() - start;
    }
    this.counters.runs += batch;
    return outputs as Record<string, Tensor>;
  }
}

export function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}
