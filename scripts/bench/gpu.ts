// Where a story's time goes on a provider, with an architecture-true model (scripts/fixtures/architectures.ts:
// SD 1.5 or SDXL at real widths, random weights, generated on first use into .cache/fixtures-full/). Loads it with
// loadModel, runs a 1-step warm-up story, then a story with the method on (SVR + IPCA paper) and a plain one
// (reweight off, IPCA off), and prints per component: ms per session run, runs, share of wall time; load time, peak
// RSS, the largest intermediate tensor per call against the adapter's limit, node placement per execution provider
// (from onnxruntime's profiler), story/plain; last line a JSON summary. --unet-only N times N UNet calls at batch
// 2 × frames through the engine instead of stories (the number to compare with PyTorch: scripts/bench/gpu-torch.py).
// Usage: node scripts/bench/gpu.ts --provider P --family sd15|sdxl [--size N] [--precision fp16|fp32] [--frames 4]
//          [--steps 20] [--unet-only N] [--tiny] [--no-placement] [--threads N] [--derived DIR]
// --derived DIR: GPU providers load the library's derived copy (float16, attention fused where the kernel passes its
// self-check), made in DIR on first use; the load line then says what was done and the copy's size.
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applySettingsPatch, DEFAULT_SETTINGS, type SettingsPatch } from '../../src-shared/domain/index.ts';
import { formatBytes } from '../../src-shared/format/quantities.ts';
import { inferGraphShapes } from '../../src-main/engine/graph/index.ts';
import { sessionOptions, WEBGPU } from '../../src-main/engine/models/execution-provider.ts';
import { loadModel, type LoadedModel } from '../../src-main/engine/models/index.ts';
import { generateStory, TextEncodingCache, type StoryResult } from '../../src-main/engine/pipeline/index.ts';
import { architectureSpec } from '../fixtures/architectures.ts';
import { ensureArchitectureModel } from '../fixtures/ensure-architecture.ts';
import { crossAttentionDim, textEmbedsDim, type ModelSpec } from '../fixtures/model-spec.ts';
import { profileNodePlacement, type NodePlacement } from './node-placement.ts';

const { values } = parseArgs({
  allowNegative: true,
  options: {
    provider: { type: 'string', default: 'auto' },
    family: { type: 'string', default: 'sd15' },
    size: { type: 'string' },
    precision: { type: 'string', default: 'fp16' },
    frames: { type: 'string', default: '4' },
    steps: { type: 'string', default: '20' },
    'unet-only': { type: 'string' },
    tiny: { type: 'boolean', default: false },
    placement: { type: 'boolean', default: true },
    threads: { type: 'string' },
    derived: { type: 'string' },
  },
});
const family = values.family;
if (family !== 'sd15' && family !== 'sdxl') throw new Error(`--family must be sd15 or sdxl, not ${family}`);
if (values.precision !== 'fp16' && values.precision !== 'fp32') throw new Error(`--precision must be fp16 or fp32, not ${values.precision}`);
const precision = values.precision === 'fp16' ? 'float16' : 'float32';
const frames = Number(values.frames);
const steps = Number(values.steps);
const scale = values.tiny ? 'tiny' : 'full';
const spec = architectureSpec(family, precision, scale);
const size = Number(values.size ?? spec.unet.sampleSize * 8);
const latent = size / 8;
const threads = values.threads ? Number(values.threads) : undefined;
const CONTEXT_TOKENS = 77;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const rssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

const fixture = await ensureArchitectureModel(family, precision, scale);
const diskBytes = folderBytes(fixture.dir);
console.log(`${family} ${scale} ${values.precision} model: ${fixture.dir} (${formatBytes(diskBytes)}, ${fixture.generated ? `generated in ${(fixture.ms / 1000).toFixed(1)} s` : 'cached'}, ${fixture.vocabulary} vocabulary)`);

const warnings: string[] = [];
const loadStarted = performance.now();
const model = await loadModel(fixture.dir, {
  provider: values.provider,
  ...(threads ? { threads } : {}),
  ...(values.derived ? { derivedRoot: values.derived } : {}),
  onWarning: (m) => warnings.push(m),
});
const loadMs = performance.now() - loadStarted;
const { device } = model;
console.log(`provider ${model.provider} (asked ${values.provider}); adapter ${device.adapter ? JSON.stringify(device.adapter) : 'none'}; buffer limit ${device.bufferLimitBytes === null ? 'none' : formatBytes(device.bufferLimitBytes)}; ${availableParallelism()} cores`);
for (const line of [...device.notes, ...warnings]) console.log(`  note: ${line}`);
console.log(`load ${ms(loadMs)}, RSS peak so far ${rssMiB()} MiB`);
const optimization = device.optimization ?? null;
if (optimization) {
  const parts = optimization.components.map((c) => `${c.component} ${c.float16 ? 'fp16' : 'fp32'}${c.fusedAttention ? ` ${c.fusedAttention} MHA` : ''}`);
  console.log(`derived copy: ${parts.join(', ')}; ${formatBytes(optimization.bytes)}; attention: ${optimization.attention.reason}`);
}

const batch = 2 * frames;
const unetDims = unetInputDims(spec, batch);
const largest = await inferGraphShapes(join(fixture.dir, 'unet', 'model.onnx'), unetDims);
const limit = device.bufferLimitBytes;
console.log(`UNet largest intermediate at batch ${batch}, ${size}²: ${largest.largest ? `${largest.largest.op} ${largest.largest.name} [${largest.largest.dims.join(', ')}] ${formatBytes(largest.largest.bytes)}` : 'unknown'}${limit === null ? '' : ` (limit ${formatBytes(limit)}: ${(largest.largest?.bytes ?? 0) > limit ? 'OVER' : 'fits'})`}`);

const summary: Record<string, unknown> = {
  family, scale, precision: values.precision, size, frames, steps, provider: model.provider, requested: values.provider,
  adapter: device.adapter, bufferLimitBytes: limit, derived: optimization && { bytes: optimization.bytes, fused: optimization.attention.fused }, loadMs: Math.round(loadMs), diskBytes, generatedMs: fixture.generated ? Math.round(fixture.ms) : null,
  unetLargestBytes: largest.largest?.bytes ?? null,
};

if (values['unet-only'] !== undefined) {
  const calls = Number(values['unet-only']);
  const times = await timeUnet(model, spec, batch, calls);
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`UNet calls at batch ${batch} (${frames} frames × CFG), ${size}², ${CONTEXT_TOKENS} tokens: median ${ms(median)} of ${calls} (after 1 warm-up; all: ${times.map((t) => t.toFixed(0)).join(' ')})`);
  summary.unetMsPerCall = Number(median.toFixed(2));
  summary.unetBatch = batch;
  summary.unetCalls = model.calls().unet ?? [];
} else {
  await story({ steps: 1 }); // warm-up: first-run allocations, shader compilation
  const method = await story({});
  const plain = await story({ reweight: { mode: 'off' }, ipca: 'off' });
  report('method on (SVR + IPCA paper)', method);
  report('plain (reweight off, IPCA off)', plain);
  const ratio = method.timings.totalMs / plain.timings.totalMs;
  console.log(`story / plain: ${ratio.toFixed(3)}`);
  Object.assign(summary, {
    storyMs: Math.round(method.timings.totalMs), plainMs: Math.round(plain.timings.totalMs), storyPlainRatio: Number(ratio.toFixed(3)),
    components: componentRows(method).map((r) => ({ ...r, sessionMs: round(r.sessionMs), msPerRun: round(r.msPerRun), share: round(r.share, 3) })), componentCalls: method.componentCalls, warnings: method.warnings,
  });
}

let placement: NodePlacement | null = null;
if (values.placement) {
  // the UNet file the GPU sessions loaded: the derived copy where there is one
  const unetPath = optimization?.components.find((c) => c.component === 'unet')?.path ?? join(fixture.dir, 'unet', 'model.onnx');
  placement = await profileNodePlacement(unetPath, sessionOptions(model.provider, threads ?? availableParallelism()), unetDims);
  console.log(`UNet node placement (${unetPath}; one profiled run at batch ${batch}; op: nodes, kernel ms):`);
  // WebGPU runs asynchronously: the op that waits for the queue is charged with all the work before it
  if (model.provider === WEBGPU) console.log('  note: WebGPU kernel ms include waits for earlier GPU work; they are not per-op times');
  for (const [provider, ops] of Object.entries(placement)) {
    const total = ops.reduce((sum, o) => sum + o.ms, 0);
    console.log(`  ${provider}: ${ops.reduce((sum, o) => sum + o.nodes, 0)} nodes, ${ms(total)}`);
    console.log(`    ${ops.map((o) => `${o.op} ${o.nodes} ${o.ms.toFixed(1)}`).join(' · ')}`);
  }
}
summary.placement = placement && Object.fromEntries(Object.entries(placement).map(([p, ops]) => [p, Object.fromEntries(ops.map((o) => [o.op, o.nodes]))]));
summary.peakRssMiB = rssMiB();
console.log(`peak RSS ${summary.peakRssMiB} MiB`);
await model.release();
console.log(JSON.stringify(summary));

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}

function story(patch: SettingsPatch): Promise<StoryResult> {
  const guidance = family === 'sd15' ? 7.5 : 5;
  const settings = applySettingsPatch(DEFAULT_SETTINGS, { width: size, height: size, steps, guidance, ...patch });
  return generateStory(model, {
    modelDir: fixture.dir,
    identityPrompt: 'A watercolor illustration of a red fox with a blue scarf',
    framePrompts: ['reading in a library', 'crossing a snowy bridge', 'sailing a small boat', 'sleeping under a tree', 'climbing a hill', 'watching the stars'].slice(0, frames),
    negativePrompt: '',
    settings,
  }, { onProgress: () => {} }, new TextEncodingCache());
}

interface ComponentRow { component: string; sessionMs: number; items: number; runs: number; msPerRun: number; share: number; itemsPerRun: number[]; largestBytes: number | null; limitBytes: number | null; cpu: string[] }

/** Per component: time inside its sessions, items, session runs actually made (calls × runs per call), share of wall time. */
function componentRows(result: StoryResult): ComponentRow[] {
  return Object.entries(result.timings.sessionMsByComponent).map(([component, sessionMs]) => {
    const items = result.sessionRuns[component] ?? 0;
    const calls = result.componentCalls[component] ?? [];
    const perRun = [...new Set(calls.map((c) => c.itemsPerRun))];
    // one kind of call: each of its items / batch calls made ⌈batch / items per run⌉ runs (8 items cut 7 + 1: two)
    const [only] = calls;
    const runs = calls.length === 1 && only.batch > 0 ? Math.round(items / only.batch) * Math.ceil(only.batch / only.itemsPerRun) : items;
    const sizes = calls.map((c) => c.largestTensorBytes).filter((b): b is number => b !== null);
    return {
      component, sessionMs, items, runs, msPerRun: runs ? sessionMs / runs : 0, share: sessionMs / result.timings.totalMs, itemsPerRun: perRun,
      largestBytes: sizes.length ? Math.max(...sizes) : null, limitBytes: calls.find((c) => c.limitBytes !== null)?.limitBytes ?? null,
      cpu: [...new Set(calls.flatMap((c) => (c.cpuReason ? [c.cpuReason] : [])))],
    };
  });
}

function report(title: string, result: StoryResult): void {
  console.log(`${title}: ${frames} frames × ${steps} steps at ${size}², guidance ${result.resolved.guidance}, ${result.resolved.scheduler}, wall ${ms(result.timings.totalMs)}, in sessions ${ms(result.timings.sessionMs)}`);
  for (const r of componentRows(result)) {
    const largestText = r.largestBytes === null ? 'largest tensor not computed (no adapter limit)' : `largest tensor ${formatBytes(r.largestBytes)} / limit ${r.limitBytes === null ? 'none' : formatBytes(r.limitBytes)}`;
    console.log(`  ${r.component.padEnd(15)} ${ms(r.msPerRun).padStart(11)} per run × ${String(r.runs).padStart(3)} runs (${r.items} items, ${r.itemsPerRun.join('/') || '?'} per run) = ${(100 * r.share).toFixed(1).padStart(5)} % of wall; ${largestText}${r.cpu.length ? `; on CPU: ${r.cpu.join('; ')}` : ''}`);
  }
  for (const w of result.warnings) console.log(`  warning: ${w}`);
}

async function timeUnet(loaded: LoadedModel, modelSpec: ModelSpec, items: number, calls: number): Promise<number[]> {
  const contextDim = crossAttentionDim(modelSpec);
  const input = {
    sample: new Float32Array(items * 4 * latent * latent).fill(0.1), batch: items, latentHeight: latent, latentWidth: latent, timestep: 500,
    context: new Float32Array(items * CONTEXT_TOKENS * contextDim).fill(0.1), contextTokens: CONTEXT_TOKENS,
    ...(modelSpec.unet.additionTimeEmbedDim === null ? {} : { textEmbeds: new Float32Array(items * textEmbedsDim(modelSpec)).fill(0.1), timeIds: new Float32Array(items * 6).fill(size) }),
  };
  await loaded.unet.predict(input);
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await loaded.unet.predict(input);
    times.push(performance.now() - started);
  }
  return times;
}

function unetInputDims(modelSpec: ModelSpec, items: number): Record<string, number[]> {
  const dims: Record<string, number[]> = { sample: [items, 4, latent, latent], timestep: [], encoder_hidden_states: [items, CONTEXT_TOKENS, crossAttentionDim(modelSpec)] };
  if (modelSpec.unet.additionTimeEmbedDim !== null) Object.assign(dims, { text_embeds: [items, textEmbedsDim(modelSpec)], time_ids: [items, 6] });
  return dims;
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).reduce((sum, f) => {
    const stat = statSync(join(dir, f));
    return sum + (stat.isFile() ? stat.size : 0);
  }, 0);
}


