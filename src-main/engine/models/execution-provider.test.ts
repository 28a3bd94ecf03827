// Provider choice against the onnxruntime-node build installed here: what it offers and which libraries it has.
import { listSupportedBackends } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { CPU, offeredProviders, providerCandidates, providerInstalled } from './execution-provider.ts';

describe('providerCandidates', () => {
  it('auto tries only providers whose libraries are installed, then CPU', () => {
    const warnings: string[] = [];
    const auto = providerCandidates('auto', (m) => warnings.push(m));
    expect(auto.at(-1)).toBe(CPU);
    for (const name of auto.slice(0, -1)) expect(providerInstalled(name), name).toBe(true);
    for (const { name, bundled } of listSupportedBackends()) {
      if (name !== CPU && !bundled && !providerInstalled(name)) expect(auto).not.toContain(name);
    }
    expect(warnings).toEqual([]);
  });

  it('a provider named by the user is tried even when not installed, so its failure is reported', (ctx) => {
    const missing = listSupportedBackends().find((b) => !b.bundled && !providerInstalled(b.name));
    if (!missing) {
      console.warn('[skipped] every provider this build offers is installed here');
      return ctx.skip();
    }
    expect(providerCandidates(missing.name.toUpperCase(), () => {})).toEqual([missing.name, CPU]);
  });

  it('a provider the build does not offer is reported and replaced by CPU', () => {
    const warnings: string[] = [];
    expect(providerCandidates('rocm-imaginary', (m) => warnings.push(m))).toEqual([CPU]);
    expect(warnings[0]).toMatch(/"rocm-imaginary" is not offered by onnxruntime-node here \(it offers .*cpu/);
  });
});

describe('providerInstalled', () => {
  it('is true for the bundled CPU provider and false for one the build does not offer', () => {
    expect(offeredProviders()).toContain(CPU);
    expect(providerInstalled(CPU)).toBe(true);
    expect(providerInstalled('rocm-imaginary')).toBe(false);
  });
});
