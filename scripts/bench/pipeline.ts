// The story pipeline on the SDXL-shaped fixture: a 4-frame, 4-step story at 256×256 (SVR + IPCA paper, guidance
// on), generated once to warm up (JIT, ONNX Runtime's first-run allocations), then RUNS times. Prints the median
// run's wall time, the time inside ONNX sessions and their ratio (what the pipeline itself costs), the sampling
// loop's own ratio, conditioning time per frame, peak memory and UNet evaluations per frame.
// PNG encoding and progress previews are counted in the wall time (onProgress is hooked, as the app does).
// Usage: node scripts/bench/pipeline.ts [--provider NAME] [--runs N]
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { applySettingsPatch, DEFAULT_SETTINGS } from '../../src-shared/domain/index.ts';
import { loadModel } from '../../src-main/engine/models/index.ts';
import { generateStory, TextEncodingCache, type StoryRequest, type StoryResult } from '../../src-main/engine/pipeline/index.ts';
import { ensureFixtureModels } from '../fixtures/ensure.ts';

const { values } = parseArgs({ options: { provider: { type: 'string', default: 'auto' }, runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
const FRAMES = 4;
const STEPS = 4;

const { sdxl } = await ensureFixtureModels();
const model = await loadModel(sdxl, { provider: values.provider });
const request: StoryRequest = {
  modelDir: sdxl,
  identityPrompt: 'A fiery and majestic illustration of a phoenix with bright orange feathers',
  framePrompts: ['rising from fiery ashes', 'soaring through a glowing sky', 'perching on a mountain peak', 'singing a haunting melody'].slice(0, FRAMES),
  negativePrompt: '',
  settings: applySettingsPatch(DEFAULT_SETTINGS, { width: 256, height: 256, steps: STEPS }),
};
// Each run a new story as far as costs go: its own text-encoding cache (the prompt is encoded once per run) and seed.
const story = (seed: number): Promise<StoryResult> =>
  generateStory(model, { ...request, settings: { ...request.settings, seed } }, { onProgress: () => {} }, new TextEncodingCache());

const cold = await story(0);
const results: StoryResult[] = [];
for (let run = 1; run <= runs; run++) results.push(await story(run));
results.sort((a, b) => a.timings.totalMs - b.timings.totalMs);
const median = results[Math.floor(results.length / 2)];

const ms = (value: number) => `${value.toFixed(1)} ms`;
const ratio = (r: StoryResult) => r.timings.sessionMs / r.timings.totalMs;
const { timings, sessionRuns, unetEvaluations } = median;
const unetMs = timings.sessionMsByComponent.unet ?? 0;
console.log(`SDXL fixture, ${FRAMES} frames × ${STEPS} steps at 256×256, ${median.resolved.scheduler}, guidance ${median.resolved.guidance}, provider ${median.provider}, ${availableParallelism()} cores`);
console.log(`median of ${runs} runs (after a warm-up run):`);
console.log(`  wall time                 ${ms(timings.totalMs)}   (cold first run ${ms(cold.timings.totalMs)})`);
console.log(`  inside ONNX sessions      ${ms(timings.sessionMs)}   ${JSON.stringify(Object.fromEntries(Object.entries(timings.sessionMsByComponent).map(([k, v]) => [k, Number(v.toFixed(1))])))}`);
console.log(`  ratio                     ${ratio(median).toFixed(3)}   (runs: ${results.map((r) => ratio(r).toFixed(3)).join(' ')})`);
console.log(`  sampling loop             ${ms(timings.samplingMs)}, of it in the UNet ${ms(unetMs)}: ratio ${(unetMs / timings.samplingMs).toFixed(3)}`);
console.log(`  conditioning per frame    ${ms(timings.conditioningMsPerFrame)}   (cold ${ms(cold.timings.conditioningMsPerFrame)})`);
console.log(`  outside sessions          ${ms(timings.totalMs - timings.sessionMs)}, of it conditioning ${ms(timings.conditioningMsPerFrame * FRAMES)}`);
console.log(`  peak memory (max RSS)     ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
console.log(
  `  UNet evaluations / frame  ${(sessionRuns.unet / FRAMES).toFixed(0)} (cond ${unetEvaluations.cond / FRAMES}, uncond ${unetEvaluations.uncond / FRAMES}); ` +
    `session runs ${JSON.stringify(sessionRuns)}`,
);
await model.release();
