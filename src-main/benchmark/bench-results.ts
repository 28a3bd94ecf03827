// results.json of a ConsiStory+ run, written after every set so a rerun resumes where it stopped, and the Markdown
// table that puts the overall figures beside the paper's Table 1.
import { readFile } from 'node:fs/promises';

export interface SetResult {
  id: string;
  category: string;
  frames: number;
  /** mean over frames of cos(CLIP image, CLIP text of identity + frame prompt) */
  clipT: number;
  /** mean pairwise CLIP image cosine */
  clipI: number | null;
  /** mean pairwise DINOv2 cosine (null without --dino) */
  dino: number | null;
  seconds: number;
}

export interface RunConfig {
  model: string;
  clip: string;
  dino: string | null;
  /** the background remover identity scores went through (absent: whole pictures; absent rather than null keeps earlier runs resumable) */
  background?: string;
  seed: number;
  baseline: boolean;
  steps: number | null;
}

export interface BenchResults {
  benchmark: 'consistory-plus';
  config: RunConfig;
  sets: SetResult[];
  overall: { sets: number; clipT: number | null; clipI: number | null; dino: number | null; secondsPerSet: number | null };
  /** the largest resident set size of the process that generated and scored (bytes) */
  peakMemoryBytes: number;
}

const mean = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
};

export function summarise(config: RunConfig, sets: SetResult[], peakMemoryBytes: number): BenchResults {
  return {
    benchmark: 'consistory-plus',
    config,
    sets,
    overall: { sets: sets.length, clipT: mean(sets.map((s) => s.clipT)), clipI: mean(sets.map((s) => s.clipI)), dino: mean(sets.map((s) => s.dino)), secondsPerSet: mean(sets.map((s) => s.seconds)) },
    peakMemoryBytes,
  };
}

/** The earlier run's results in `path`, when it ran with the same configuration; throws when it ran with another. */
export async function readEarlierResults(path: string, config: RunConfig): Promise<BenchResults | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  const earlier = JSON.parse(text) as BenchResults;
  if (JSON.stringify(earlier.config) !== JSON.stringify(config)) {
    throw new Error(`${path} holds a run with other settings (${JSON.stringify(earlier.config)}); choose another --out to keep both, or delete it`);
  }
  return earlier;
}

const PAPER = [
  { name: 'Vanilla SDXL (paper, Table 1)', clipT: 0.9074, clipI: 0.8165, dreamSim: 0.5292, seconds: 13.09 },
  { name: '1Prompt1Story (paper, Table 1)', clipT: 0.8942, clipI: 0.9117, dreamSim: 0.1993, seconds: 23.21 },
];

const fixed = (v: number | null) => (v === null ? '—' : v.toFixed(4));

export function markdownTable(results: BenchResults): string {
  const { overall, config } = results;
  const ours = `Onestory ${config.baseline ? 'baseline (frames alone)' : '1Prompt1Story'}, ${overall.sets} sets`;
  return [
    '| | CLIP-T ↑ | CLIP-I ↑ | DreamSim ↓ | DINOv2 similarity ↑ | s per set |',
    '|---|---|---|---|---|---|',
    ...PAPER.map((p) => `| ${p.name} | ${p.clipT.toFixed(4)} | ${p.clipI.toFixed(4)} | ${p.dreamSim.toFixed(4)} | — | ${p.seconds.toFixed(2)} |`),
    `| ${ours} | ${fixed(overall.clipT)} | ${fixed(overall.clipI)} | — | ${fixed(overall.dino)} | ${overall.secondsPerSet === null ? '—' : overall.secondsPerSet.toFixed(2)} |`,
    '',
    `Model ${config.model}, CLIP ${config.clip}${config.dino ? `, DINOv2 ${config.dino}` : ''}${config.background ? `, backgrounds removed with ${config.background}` : ''}, seed ${config.seed}; peak memory ${(results.peakMemoryBytes / 2 ** 20).toFixed(0)} MiB.`,
    config.background
      ? 'Our CLIP-T and CLIP-I are plain cosines; CLIP-I (and DINOv2) compare the pictures with their backgrounds painted white, as the paper removes them; its'
      : 'Our CLIP-T and CLIP-I are plain cosines (CLIP-I with backgrounds kept: no --background remover given); the paper removes backgrounds for CLIP-I and its',
    'normalisation of CLIP-T is not restated here, so compare rows of one table, not absolute values across tables. DreamSim is a',
    'distance (lower is better) and is not computed; DINOv2 similarity, its backbone\'s cosine, is the nearest we report.',
    '',
  ].join('\n');
}
