// How far an export has got, in stages, and where a cancelled export stops: between frames.

export interface ExportControl {
  /** 0..1 through the whole export */
  onProgress?: (fraction: number) => void;
  /** aborted: the export stops at its next step and writes nothing */
  signal?: AbortSignal;
}

/** One step of a stage: reports the progress and stops a cancelled export. */
export type Step = () => void;

/** A point between stages: reports `fraction`, and stops a cancelled export. */
export function reach(control: ExportControl | undefined, fraction: number): void {
  control?.signal?.throwIfAborted();
  control?.onProgress?.(fraction);
}

/** The steps of one stage of `total` steps, spanning [from, to] of the whole export. */
export function stage(control: ExportControl | undefined, from: number, to: number, total: number): Step {
  let done = 0;
  return () => {
    done = Math.min(done + 1, total);
    reach(control, from + ((to - from) * done) / Math.max(1, total));
  };
}

/** Where the stages of a story export begin and end; the GIF's palette search takes most of its time. */
export const STAGES = { read: 0.05, images: 0.4, resized: 0.55, encoded: 0.95 } as const;
