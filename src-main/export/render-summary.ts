// What made the exported frames, from the parameters stored with their renders (never the story's settings now):
// what every render shares, and per frame what differs. For the PDF's title page and the ZIP's story.json.
import { describeRenderParams } from '../../src-shared/format/render-params.ts';
import type { StorySnapshot } from './snapshot.ts';

export interface RenderSummary {
  /** what every exported render shares, as one line; empty when no frame has a render */
  shared: string;
  /** each frame with a render (by its 1-based number): what it does not share with the others, as one line */
  differs: Map<number, string>;
}

export function summarizeRenders({ frames, modelNames }: Pick<StorySnapshot, 'frames' | 'modelNames'>): RenderSummary {
  const modelName = (id: string) => modelNames.get(id) ?? id;
  const rendered = frames.flatMap((f, j) => (f.render ? [{ number: j + 1, values: describeRenderParams(f.render.params, modelName) }] : []));
  const isShared = (rendered[0]?.values ?? []).map((_, k) => rendered.every((r) => r.values[k] === rendered[0].values[k]));
  const line = (values: (string | undefined)[], shared: boolean) => values.filter((v, k) => v && isShared[k] === shared).join(', ');
  return {
    shared: rendered.length > 0 ? line(rendered[0].values, true) : '',
    differs: new Map(rendered.map((r) => [r.number, line(r.values, false)])),
  };
}

/** Frames that differ alike, grouped: [[1, 3, 4, 5], "seed 42, alpha 0.0125"], in story order; frames sharing everything left out. */
export function groupDiffering(summary: RenderSummary): [number[], string][] {
  const groups = new Map<string, number[]>();
  for (const [number, differs] of summary.differs) if (differs) groups.set(differs, [...(groups.get(differs) ?? []), number]);
  return [...groups].map(([differs, numbers]) => [numbers, differs]);
}

/** "Frame 2", "Frames 1, 3–5" */
export function frameNumbers(numbers: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let end = i;
    while (end + 1 < numbers.length && numbers[end + 1] === numbers[end] + 1) end++;
    runs.push(end === i ? String(numbers[i]) : end === i + 1 ? `${numbers[i]}, ${numbers[end]}` : `${numbers[i]}–${numbers[end]}`);
    i = end + 1;
  }
  return `${numbers.length === 1 ? 'Frame' : 'Frames'} ${runs.join(', ')}`;
}
