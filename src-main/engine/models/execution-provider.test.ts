// Provider choice against the onnxruntime-node build installed here: what it offers and which libraries it has.
import { listSupportedBackends } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { webGpuAdapter } from '../gpu/adapter.ts';
import { CPU, offeredProviders, planProviders, providerInstalled, WEBGPU } from './execution-provider.ts';

describe('planProviders', () => {
  it('auto tries only providers whose libraries are installed, then CPU', async () => {
    const warnings: string[] = [];
    const { candidates: auto } = await planProviders('auto', (m) => warnings.push(m));
    expect(auto.at(-1)).toBe(CPU);
    for (const name of auto.slice(0, -1)) expect(providerInstalled(name), name).toBe(true);
    for (const { name, bundled } of listSupportedBackends()) {
      if (name !== CPU && !bundled && !providerInstalled(name)) expect(auto).not.toContain(name);
    }
    expect(warnings).toEqual([]);
  });

  it('a provider named by the user is tried even when not installed, so its failure is reported', async (ctx) => {
    const missing = listSupportedBackends().find((b) => !b.bundled && !providerInstalled(b.name));
    if (!missing) {
      console.warn('[skipped] every provider this build offers is installed here');
      return ctx.skip();
    }
    expect((await planProviders(missing.name.toUpperCase(), () => {})).candidates).toEqual([missing.name, CPU]);
  });

  it('a provider the build does not offer is reported and replaced by CPU', async () => {
    const warnings: string[] = [];
    expect((await planProviders('rocm-imaginary', (m) => warnings.push(m))).candidates).toEqual([CPU]);
    expect(warnings[0]).toMatch(/"rocm-imaginary" is not offered by onnxruntime-node here \(it offers .*cpu/);
  });
});

describe('planProviders and the WebGPU adapter', () => {
  it('auto takes WebGPU only on a hardware adapter, and says why it passed a software one over', async (ctx) => {
    const { adapter, reason } = await webGpuAdapter();
    const plan = await planProviders('auto', () => {});
    if (!adapter) {
      expect(plan.candidates).not.toContain(WEBGPU);
      expect(plan.notes.join('\n')).toContain(`WebGPU skipped: ${reason}`);
      console.warn(`[partly skipped] no WebGPU adapter here (${reason}); install Mesa ≥ 24 lavapipe (scripts/ci/install-lavapipe.sh)`);
      return ctx.skip();
    }
    if (adapter.software) {
      expect(plan.candidates).toEqual([CPU]);
      expect(plan.adapter).toBeNull();
      expect(plan.notes).toEqual([expect.stringMatching(/^auto: WebGPU skipped: its adapter is software \(.+ — software\), slower than the CPU provider/)]);
    } else {
      expect(plan.candidates).toContain(WEBGPU);
      expect(plan.adapter).toEqual(adapter);
    }
  });

  it('WebGPU asked for by name runs on a software adapter too, with a warning that says so', async (ctx) => {
    const { adapter } = await webGpuAdapter();
    if (!adapter?.software) {
      console.warn('[skipped] needs a software WebGPU adapter (Mesa ≥ 24 lavapipe)');
      return ctx.skip();
    }
    const warnings: string[] = [];
    const plan = await planProviders('webgpu', (m) => warnings.push(m));
    expect(plan.candidates).toEqual([WEBGPU, CPU]);
    expect(plan.adapter).toEqual(adapter);
    expect(warnings).toEqual([expect.stringMatching(/^WebGPU runs on a software adapter \(.+ — software\): the GPU is emulated on the CPU/)]);
  });
});

describe('providerInstalled', () => {
  it('is true for the bundled CPU provider and false for one the build does not offer', () => {
    expect(offeredProviders()).toContain(CPU);
    expect(providerInstalled(CPU)).toBe(true);
    expect(providerInstalled('rocm-imaginary')).toBe(false);
  });
});
