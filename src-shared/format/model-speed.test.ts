import { describe, expect, it } from 'vitest';
import type { ModelSpeed } from '../domain/index.ts';
import { optimizationLines, speedHeadline } from './model-speed.ts';

const component = { path: '/lib/.derived/x/model.onnx', float16: true, halfTensors: 0, castNodes: 0, fusedAttention: 0, bytes: 0, note: null };
const webgpu: ModelSpeed = {
  provider: 'webgpu',
  measuredAt: 0,
  secondsPerStep: 0.04567,
  steps: 5,
  width: 512,
  height: 512,
  originalBytes: 3_400_000_000,
  warnings: [],
  optimization: {
    provider: 'webgpu',
    layout: 'NHWC',
    attention: { fused: false, maxError: 0.2, reason: 'kept unfused: webgpu’s fused MultiHeadAttention differs from the unfused graph by 0.20 on this adapter' },
    components: [
      { ...component, component: 'text_encoder', path: null, float16: false, note: 'text encoders run once per story: kept float32' },
      { ...component, component: 'unet', halfTensors: 686, castNodes: 4, bytes: 1_600_000_000 },
      { ...component, component: 'vae_decoder', halfTensors: 1, castNodes: 1, bytes: 99_000_000 },
    ],
    bytes: 1_699_000_000,
  },
};

describe('what models.optimize did, as it reads', () => {
  it('says per component what was done, why attention stayed unfused, the layout and the sizes', () => {
    expect(speedHeadline(webgpu)).toBe('0.0457 s/step at 512×512 on webgpu');
    expect(optimizationLines(webgpu)).toEqual([
      'text encoder: float32 (text encoders run once per story: kept float32)',
      'UNet: float16 (686 weight tensors, 4 casts at its float32 edges)',
      'VAE decoder: float16 (1 weight tensor, 1 cast at its float32 edges)',
      'attention kept unfused: webgpu’s fused MultiHeadAttention differs from the unfused graph by 0.20 on this adapter',
      'convolutions in NHWC layout',
      'derived copy 1.7 GB on disk (original 3.4 GB)',
    ]);
  });

  it('counts the fused blocks when the self-check passed, and says when the originals run', () => {
    const fused = { ...webgpu.optimization!, attention: { fused: true, maxError: 1e-6, reason: 'matches the unfused graph' } };
    fused.components = fused.components.map((c) => (c.component === 'unet' ? { ...c, fusedAttention: 16 } : c));
    expect(optimizationLines({ ...webgpu, optimization: fused })).toContain('attention: 16 blocks fused (matches the unfused graph)');
    expect(optimizationLines({ ...webgpu, provider: 'cpu', optimization: null })).toEqual(['runs the original files (3.4 GB): the cpu provider needs no derived copy']);
  });
});
