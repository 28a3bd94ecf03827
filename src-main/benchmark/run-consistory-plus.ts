// Generates ConsiStory+ story sets and scores them. Method on: each set is one story (identity prompt + its frame
// prompts). --baseline: the same seed, each frame rendered alone from "identity prompt + frame prompt" with
// reweighting and IPCA off, as vanilla SDXL would. Generation and scoring run in this process (a batch tool, so the
// peak memory measured is the whole of it). Sets already in results.json are skipped.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, applySettingsPatch, type GenerationSettings } from '../../src-shared/domain/index.ts';
import { loadModel, type LoadedModel } from '../engine/models/index.ts';
import { TextEncodingCache, generateStory } from '../engine/pipeline/index.ts';
import { loadScoringModel, type BackgroundRemover, type ClipModel, type DinoModel } from '../engine/scoring/index.ts';
import { scoreFrames } from '../engine/scoring/story-scores.ts';
import { writeFileAtomically } from '../export/atomic-write.ts';
import { markdownTable, readEarlierResults, summarise, type RunConfig, type SetResult } from './bench-results.ts';
import { readConsistoryPlus, type BenchmarkSet } from './consistory-plus-file.ts';

export interface BenchOptions {
  benchmarkFile: string;
  model: string;
  clip: string;
  dino?: string;
  /** a background remover: identity scores (CLIP-I, DINOv2) on the pictures with their backgrounds removed */
  background?: string;
  /** the first N sets, in the file's order */
  sets?: number;
  /** these sets by id (animals-0 …) */
  ids?: string[];
  seed: number;
  steps?: number;
  out: string;
  baseline: boolean;
  provider?: string;
  signal?: AbortSignal;
  /** after each set: how many are done of the selection, and the seconds left at this run's pace */
  onProgress?(progress: { done: number; total: number; setId: string; etaSeconds: number | null }): void;
}

export interface BenchRun {
  resultsPath: string;
  tablePath: string;
  generated: string[];
  skipped: string[];
}

export function selectSets(all: BenchmarkSet[], options: Pick<BenchOptions, 'sets' | 'ids'>): BenchmarkSet[] {
  if (options.ids && options.ids.length > 0) {
    return options.ids.map((id) => {
      const set = all.find((s) => s.id === id);
      if (!set) throw new Error(`--ids: no set "${id}" in ConsiStory+ (ids look like ${all[0]?.id ?? 'animals-0'})`);
      return set;
    });
  }
  return options.sets === undefined ? all : all.slice(0, options.sets);
}

export async function runConsistoryPlus(options: BenchOptions): Promise<BenchRun> {
  const selection = selectSets(await readConsistoryPlus(options.benchmarkFile), options);
  const config: RunConfig = {
    model: options.model,
    clip: options.clip,
    dino: options.dino ?? null,
    ...(options.background ? { background: options.background } : {}),
    seed: options.seed,
    baseline: options.baseline,
    steps: options.steps ?? null,
  };
  await mkdir(options.out, { recursive: true });
  const resultsPath = join(options.out, 'results.json');
  const tablePath = join(options.out, 'table.md');
  const earlier = await readEarlierResults(resultsPath, config);
  const results = new Map<string, SetResult>((earlier?.sets ?? []).map((s) => [s.id, s]));
  const skipped = selection.filter((s) => results.has(s.id)).map((s) => s.id);
  const todo = selection.filter((s) => !results.has(s.id));
  const generated: string[] = [];
  const save = async () => {
    const ordered = [...results.values()];
    const summary = summarise(config, ordered, Math.max(earlier?.peakMemoryBytes ?? 0, process.resourceUsage().maxRSS * 1024));
    await writeFileAtomically(resultsPath, Buffer.from(`${JSON.stringify(summary, null, 2)}\n`));
    await writeFileAtomically(tablePath, Buffer.from(markdownTable(summary)));
  };
  if (todo.length > 0) {
    const models = await loadModels(options);
    try {
      const settings = applySettingsPatch(DEFAULT_SETTINGS, { seed: options.seed, ...(options.steps ? { steps: options.steps } : {}) });
      const cache = new TextEncodingCache();
      let spent = 0;
      for (const set of todo) {
        options.signal?.throwIfAborted();
        const started = performance.now();
        const pngs = await generateSet(models.diffusion, set, settings, options, cache);
        const seconds = (performance.now() - started) / 1000;
        spent += seconds;
        const frameDir = join(options.out, 'sets', set.id);
        await mkdir(frameDir, { recursive: true });
        await Promise.all(pngs.map((png, i) => writeFile(join(frameDir, `frame-${String(i + 1).padStart(2, '0')}.png`), png)));
        const scores = await scoreFrames(
          pngs.map((png, i) => ({ image: Buffer.from(png), identityPrompt: set.identityPrompt, framePrompt: set.framePrompts[i] })),
          models,
          options.signal,
        );
        results.set(set.id, { id: set.id, category: set.category, frames: pngs.length, clipT: (scores.clipT ?? 0) / 100, clipI: scores.clipI, dino: scores.dino, seconds });
        generated.push(set.id);
        await save();
        const left = todo.length - generated.length;
        options.onProgress?.({ done: skipped.length + generated.length, total: selection.length, setId: set.id, etaSeconds: (spent / generated.length) * left });
      }
    } finally {
      await models.release();
    }
  } else {
    await save();
  }
  return { resultsPath, tablePath, generated, skipped };
}

async function generateSet(model: LoadedModel, set: BenchmarkSet, settings: GenerationSettings, options: BenchOptions, cache: TextEncodingCache): Promise<Uint8Array[]> {
  const request = { modelDir: options.model, identityPrompt: set.identityPrompt, negativePrompt: '', settings };
  const hooks = options.signal ? { signal: options.signal } : {};
  if (!options.baseline) {
    const result = await generateStory(model, { ...request, framePrompts: set.framePrompts }, hooks, cache);
    return [...result.frames].sort((a, b) => a.frameIndex - b.frameIndex).map((f) => f.png);
  }
  const alone = applySettingsPatch(settings, { ipca: 'off', reweight: { mode: 'off' } });
  const pngs: Uint8Array[] = [];
  for (const prompt of set.framePrompts) {
    const result = await generateStory(model, { ...request, settings: alone, framePrompts: [prompt] }, hooks, cache);
    pngs.push(result.frames[0].png);
  }
  return pngs;
}

interface BenchModels {
  diffusion: LoadedModel;
  clip: ClipModel;
  dino: DinoModel | null;
  background: BackgroundRemover | null;
  release(): Promise<void>;
}

async function loadModels(options: BenchOptions): Promise<BenchModels> {
  const clip = await loadScoringModel(options.clip);
  if (clip.kind !== 'clip') throw new Error(`--clip ${options.clip}: is a ${clip.kind} model, not CLIP`);
  const dino = options.dino ? await loadScoringModel(options.dino) : null;
  if (dino && dino.kind !== 'dinov2') throw new Error(`--dino ${options.dino}: is a ${dino.kind} model, not DINOv2`);
  const background = options.background ? await loadScoringModel(options.background) : null;
  if (background && background.kind !== 'segmentation') throw new Error(`--background ${options.background}: is a ${background.kind} model, not a background remover`);
  const diffusion = await loadModel(options.model, options.provider ? { provider: options.provider } : {});
  return {
    diffusion,
    clip,
    dino: dino as DinoModel | null,
    background: background as BackgroundRemover | null,
    release: async () => {
      await Promise.all([diffusion.release(), clip.release(), dino?.release(), background?.release()]);
    },
  };
}
