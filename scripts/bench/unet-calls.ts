// One UNet's calls through onnxruntime-node, as the story sampler makes them (OnnxUnet on a ComponentSession, so on
// WebGPU every call keeps to the adapter's buffer limit and passes the attention self-check): ms per call at the
// story's batch, for each layout asked, and the largest difference from a reference output (PyTorch's, written by
// scripts/bench/torch-unet.py) so a fast but wrong call cannot pass for a result.
// Usage: node scripts/bench/unet-calls.ts --model DIR/model.onnx [--provider webgpu] [--layouts NHWC,NCHW]
//        [--batch 8] [--latent 64] [--tokens 77] [--runs 5] [--check DIR (sample.f32, context.f32, expected.f32)]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InferenceSession } from 'onnxruntime-node';
import { formatBytes } from '../../src-shared/format/quantities.ts';
import { webGpuAdapter } from '../../src-main/engine/gpu/adapter.ts';
import { GpuGuard } from '../../src-main/engine/gpu/gpu-guard.ts';
import { unetIo } from '../../src-main/engine/models/component-io.ts';
import { ComponentSession } from '../../src-main/engine/models/component-session.ts';
import { CPU, sessionOptions, WEBGPU, type WebGpuLayout } from '../../src-main/engine/models/execution-provider.ts';
import { OnnxUnet } from '../../src-main/engine/models/unet.ts';
import { sessionSignature } from '../../src-main/engine/models/value-signature.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    provider: { type: 'string', default: WEBGPU },
    layouts: { type: 'string', default: 'NHWC,NCHW' },
    batch: { type: 'string', default: '8' },
    latent: { type: 'string', default: '64' },
    tokens: { type: 'string', default: '77' },
    runs: { type: 'string', default: '5' },
    check: { type: 'string' },
  },
});
if (!values.model) throw new Error('--model PATH/model.onnx is required');
const path = values.model;
const [batch, latent, tokens, runs] = [values.batch, values.latent, values.tokens, values.runs].map(Number);
const contextDim = 768;

const floats = (file: string, count: number): Float32Array => {
  const bytes = readFileSync(file);
  if (bytes.length !== count * 4) throw new Error(`${file}: ${bytes.length} bytes, expected ${count * 4}`);
  return new Float32Array(bytes.buffer, bytes.byteOffset, count).slice();
};
const checkDir = values.check && existsSync(join(values.check, 'expected.f32')) ? values.check : null;
const sampleValues = batch * 4 * latent * latent;
const sample = checkDir ? floats(join(checkDir, 'sample.f32'), sampleValues) : new Float32Array(sampleValues).map((_, i) => Math.sin(i));
const context = checkDir ? floats(join(checkDir, 'context.f32'), batch * tokens * contextDim) : new Float32Array(batch * tokens * contextDim).map((_, i) => Math.cos(i));
const expected = checkDir ? floats(join(checkDir, 'expected.f32'), sampleValues) : null;

const { adapter } = await webGpuAdapter();
for (const layout of values.layouts.split(',') as WebGpuLayout[]) {
  const options = sessionOptions(values.provider, 0, layout);
  const loadStart = performance.now();
  const session = await InferenceSession.create(path, options);
  const loadMs = performance.now() - loadStart;
  const guard =
    values.provider === WEBGPU
      ? new GpuGuard({ provider: WEBGPU, adapter, family: 'sd1', gpuOptions: options, cpuOptions: sessionOptions(CPU, 0), splitBatches: true })
      : null;
  const component = new ComponentSession('unet', path, session, values.provider, guard && { guard, planner: guard.planner('unet', path), cpuSession: () => InferenceSession.create(path, sessionOptions(CPU, 0)) });
  const unet = new OnnxUnet(component, unetIo(sessionSignature(session), path, false), contextDim);
  const call = () => unet.predict({ sample, batch, latentHeight: latent, latentWidth: latent, timestep: 500, context, contextTokens: tokens });
  const firstStart = performance.now();
  const output = await call(); // plans, self-checks and compiles the kernels
  const firstMs = performance.now() - firstStart;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const [record] = component.callRecords.values();
  let maxError = NaN;
  let maxReference = NaN;
  if (expected) {
    maxError = 0;
    maxReference = 0;
    for (let i = 0; i < expected.length; i++) {
      maxError = Math.max(maxError, Math.abs(output[i] - expected[i]) || (Number.isNaN(output[i]) ? Infinity : 0));
      maxReference = Math.max(maxReference, Math.abs(expected[i]));
    }
  }
  const summary = {
    model: path,
    provider: values.provider,
    layout,
    batch,
    latent,
    tokens,
    loadMs: Math.round(loadMs),
    firstCallMs: Math.round(firstMs),
    medianMs: Math.round(times[Math.floor(times.length / 2)]),
    runsPerCall: record ? Math.ceil(batch / record.itemsPerRun) : 1,
    itemsPerRun: record?.itemsPerRun ?? batch,
    ranOn: record?.provider ?? values.provider,
    cpuReason: record?.cpuReason ?? guard?.refusal ?? null,
    largestTensor: record?.largestTensorBytes ? formatBytes(record.largestTensorBytes) : null,
    limit: record?.limitBytes ? formatBytes(record.limitBytes) : null,
    maxAbsErrorVsReference: maxError,
    maxAbsReference: maxReference,
  };
  console.log(JSON.stringify(summary));
  await session.release();
}
