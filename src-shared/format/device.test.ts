import { describe, expect, it } from 'vitest';
import type { ComponentCall, DeviceReport, GpuAdapter } from '../domain/index.ts';
import { adapterName, providerFallback, runSummary } from './device.ts';

const H200: GpuAdapter = {
  vendor: 'nvidia',
  architecture: 'hopper',
  device: '',
  description: 'NVIDIA H200',
  software: false,
  maxStorageBufferBindingSize: 2_147_483_644,
  maxBufferSize: 2 ** 40,
};
const ON_WEBGPU: DeviceReport = { provider: 'webgpu', requested: 'auto', adapter: H200, bufferLimitBytes: 2_147_483_644, notes: [], warnings: [] };
const call = (patch: Partial<ComponentCall>): ComponentCall => ({ provider: 'webgpu', batch: 8, itemsPerRun: 8, largestTensorBytes: null, limitBytes: 2_147_483_644, cpuReason: null, ...patch });

describe('runSummary', () => {
  it('names the adapter on WebGPU and tells the runs the limit cut, the most cut call of each component', () => {
    const calls = { text_encoder: [call({ batch: 2, itemsPerRun: 2 })], unet: [call({ itemsPerRun: 3 }), call({ batch: 4, itemsPerRun: 3 })], vae_decoder: [call({ batch: 1, itemsPerRun: 1 })] };
    expect(runSummary('webgpu', ON_WEBGPU, calls)).toBe('webgpu on NVIDIA H200, UNet runs of 3 of 8 items (limit 2.1 GB)');
  });

  it('says which components ran on the CPU, and when every one did', () => {
    const calls = { unet: [call({ itemsPerRun: 4 })], vae_decoder: [call({ provider: 'cpu', batch: 1, itemsPerRun: 1, cpuReason: 'vae_decoder runs on the CPU: …' })] };
    expect(runSummary('webgpu', ON_WEBGPU, calls)).toBe('webgpu on NVIDIA H200, UNet runs of 4 of 8 items (limit 2.1 GB), VAE decoder on the CPU');
    const refused = { unet: [call({ provider: 'cpu', cpuReason: 'webgpu gave wrong results …' })] };
    expect(runSummary('cpu', ON_WEBGPU, refused)).toBe('cpu instead of webgpu on NVIDIA H200 (see the warnings)');
  });

  it('says when the adapter is software', () => {
    const lavapipe = { ...H200, description: 'llvmpipe (LLVM 19)', software: true };
    expect(runSummary('webgpu', { ...ON_WEBGPU, adapter: lavapipe }, { unet: [call({ itemsPerRun: 8 })] })).toBe('webgpu on llvmpipe (LLVM 19) (software)');
  });

  it('is the provider alone where nothing was cut', () => {
    const cpu: DeviceReport = { provider: 'cpu', requested: 'auto', adapter: null, bufferLimitBytes: null, notes: ['auto: WebGPU skipped: …'], warnings: [] };
    expect(runSummary('cpu', cpu, { unet: [call({ provider: 'cpu', limitBytes: null })] })).toBe('cpu');
  });

  it('names an adapter by its description, else its device or vendor', () => {
    expect(adapterName({ ...H200, description: '', device: 'llvmpipe (LLVM 19.1.7, 256 bits)' })).toBe('llvmpipe (LLVM 19.1.7, 256 bits)');
    expect(adapterName({ ...H200, description: '', device: '' })).toBe('nvidia');
  });
});

describe('providerFallback', () => {
  const onCpu = (requested: string, warnings: string[]): DeviceReport => ({ provider: 'cpu', requested, adapter: null, bufferLimitBytes: null, notes: [], warnings });

  it("says which provider asked for could not start, with ONNX Runtime's reason, in the summary", () => {
    const device = onCpu('cuda', ['execution provider cuda could not start (Failed to load shared library); running on cpu']);
    expect(providerFallback(device)).toBe('cuda could not start: Failed to load shared library');
    expect(runSummary('cpu', device, {})).toBe('cpu (cuda could not start: Failed to load shared library)');
  });

  it('says when the provider is not offered here', () => {
    const device = onCpu('dml', ['execution provider "dml" is not offered by onnxruntime-node here (it offers cpu, webgpu); running on CPU']);
    expect(runSummary('cpu', device, {})).toBe('cpu (dml is not offered by onnxruntime-node here)');
  });

  it('is null for auto, for the provider asked for, and for an alias of it', () => {
    expect(providerFallback(onCpu('auto', ['execution provider cuda could not start (x); running on cpu']))).toBeNull();
    expect(providerFallback(onCpu('cpu', []))).toBeNull();
    expect(providerFallback({ ...ON_WEBGPU, provider: 'dml', requested: 'directml', adapter: null })).toBeNull();
  });
});
