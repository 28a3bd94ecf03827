// The GPU path's correctness where it matters, on whatever WebGPU adapter this machine has (an NVIDIA card, or
// lavapipe): (1) where the adapter's buffer limit really is — the attention self-check just under and just over it,
// against the CPU; (2) fixture stories whose attention exceeds the limit at the requested batch (the tiny SD-1.5
// fixture with 8 heads), on WebGPU and on the CPU, fp32 and fp16: the batch the planner chose and the largest
// difference in grey levels. Prints a table; exits non-zero when a story differs by more than --max-grey.
// Usage: node scripts/bench/gpu-limits.ts [--size 512] [--frames 4] [--steps 4] [--max-grey 2] [--probe-head-dim 40]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applySettingsPatch, DEFAULT_SETTINGS } from '../../src-shared/domain/index.ts';
import { formatBytes } from '../../src-shared/format/quantities.ts';
import { webGpuAdapter } from '../../src-main/engine/gpu/adapter.ts';
import { attentionSelfCheck } from '../../src-main/engine/gpu/self-check.ts';
import { loadModel } from '../../src-main/engine/models/index.ts';
import { sessionOptions } from '../../src-main/engine/models/execution-provider.ts';
import { generateStory, type StoryResult } from '../../src-main/engine/pipeline/index.ts';
import { maxGreyDifference } from '../../test-support/pixels.ts';
import { writeFixtureVariant } from '../fixtures/ensure.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '512' },
    frames: { type: 'string', default: '4' },
    steps: { type: 'string', default: '4' },
    'max-grey': { type: 'string', default: '2' },
    'probe-head-dim': { type: 'string', default: '40' },
  },
});
const size = Number(values.size);
const maxGrey = Number(values['max-grey']);

const { adapter, reason } = await webGpuAdapter();
if (!adapter) {
  console.log(`no WebGPU adapter: ${reason}`);
  process.exit(1);
}
const limit = Math.min(adapter.maxStorageBufferBindingSize, adapter.maxBufferSize);
console.log(`adapter: ${adapter.description} (${adapter.vendor}, ${adapter.architecture}, ${adapter.device})${adapter.software ? ' — software' : ''}`);
console.log(`limits: maxStorageBufferBindingSize ${adapter.maxStorageBufferBindingSize} (${formatBytes(adapter.maxStorageBufferBindingSize)}), maxBufferSize ${adapter.maxBufferSize}`);

// (1) The limit, measured: attention score tensors of 0.9× and 1.1× the limit, float32 and float16.
const headDim = Number(values['probe-head-dim']);
const gpu = sessionOptions('webgpu', 1);
const cpu = sessionOptions('cpu', 0);
console.log('\n| probe | scores | max error vs CPU | within float16 rounding | ms |\n|---|---|---|---|---|');
for (const elemType of ['float32', 'float16'] as const) {
  const bytes = elemType === 'float16' ? 2 : 4;
  for (const share of [0.9, 1.1]) {
    const tokens = 4096;
    const rows = Math.max(1, (share < 1 ? Math.floor : Math.ceil)((share * limit) / (tokens * tokens * bytes)));
    const started = performance.now();
    const result = await attentionSelfCheck({ rows, tokens, headDim, elemType }, gpu, cpu);
    const ms = performance.now() - started;
    console.log(`| ${elemType} ${rows}×${tokens}² | ${formatBytes(result.scoresBytes)} | ${result.maxError.toPrecision(3)} | ${result.ok ? 'yes' : 'NO'} | ${ms.toFixed(0)} |`);
  }
}

// (2) Stories: the 8-head fixture makes 8 × (size/8)⁴ scores per item, so a batch of frames × CFG exceeds the limit.
const dir = mkdtempSync(join(tmpdir(), 'onestory-gpu-limits-'));
let failed = false;
console.log('\n| precision | provider | UNet runs (items per run / batch) | largest tensor | limit | max grey vs CPU | seconds |\n|---|---|---|---|---|---|---|');
try {
  for (const precision of ['float32', 'float16'] as const) {
    const variant = await writeFixtureVariant(join(dir, `sd15-8-heads-${precision}`), 'sd15', { unetHeads: 8, precision });
    const story = async (provider: string): Promise<StoryResult> => {
      const model = await loadModel(variant, { provider });
      try {
        return await generateStory(model, {
          modelDir: variant,
          identityPrompt: 'a watercolor kitten with a red scarf',
          framePrompts: ['in a garden', 'asleep in a basket', 'chasing a butterfly', 'reading by the fire'].slice(0, Number(values.frames)),
          negativePrompt: '',
          settings: applySettingsPatch(DEFAULT_SETTINGS, { width: size, height: size, steps: Number(values.steps) }),
        });
      } finally {
        await model.release();
      }
    };
    const onCpu = await story('cpu');
    const onGpu = await story('webgpu');
    let worst = 0;
    for (const [i, frame] of onGpu.frames.entries()) worst = Math.max(worst, await maxGreyDifference(frame.png, onCpu.frames[i].png));
    failed ||= worst > maxGrey || onGpu.provider !== 'webgpu';
    const unet = onGpu.componentCalls.unet ?? [];
    const runs = unet.map((c) => `${c.provider}: ${c.itemsPerRun} / ${c.batch}`).join(', ');
    const largest = Math.max(...unet.map((c) => c.largestTensorBytes ?? 0));
    console.log(`| ${precision} | ${onGpu.provider} | ${runs} | ${formatBytes(largest)} | ${formatBytes(limit)} | ${worst} | ${(onGpu.timings.totalMs / 1000).toFixed(1)} (CPU ${(onCpu.timings.totalMs / 1000).toFixed(1)}) |`);
    for (const warning of onGpu.warnings) console.log(`  warning: ${warning}`);
    console.log(`  componentCalls: ${JSON.stringify(onGpu.componentCalls)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
