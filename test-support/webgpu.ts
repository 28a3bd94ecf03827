// Tests of the WebGPU path need an adapter: on machines without a GPU, Mesa ≥ 24's lavapipe (scripts/ci/install-
// lavapipe.sh, which CI runs). Where there is none, the suites are skipped with a message that says how to get one.
import { describe } from 'vitest';
import { webGpuAdapter, type GpuAdapter } from '../src-main/engine/gpu/adapter.ts';

const query = await webGpuAdapter();
export const webGpu: GpuAdapter | null = query.adapter;

/** A describe block that runs only where WebGPU has an adapter that `accept` takes. */
export function describeWithWebGpu(name: string, accept: (adapter: GpuAdapter) => boolean, body: (adapter: GpuAdapter) => void): void {
  const adapter = webGpu;
  if (adapter && accept(adapter)) {
    describe(name, () => body(adapter));
    return;
  }
  const why = adapter
    ? `the WebGPU adapter here (${adapter.description}) is not the kind this suite needs`
    : `no WebGPU adapter here (${query.reason}); install Mesa ≥ 24 lavapipe with scripts/ci/install-lavapipe.sh`;
  console.warn(`[skipped] "${name}": ${why}.`);
  describe.skip(`${name} (${why})`, () => body(adapter as GpuAdapter));
}
