// Prints how long torch-compatible noise takes for one SDXL-size latent (4×128×128).
import { TorchGenerator } from '../../src-main/engine/noise/torch-generator.ts';
import { NOISE_MODES } from '../../src-shared/domain/index.ts';

for (const mode of NOISE_MODES) {
  const g = new TorchGenerator(0);
  for (let i = 0; i < 10; i++) g.randn([1, 4, 128, 128], mode);
  const times: number[] = [];
  for (let i = 0; i < 51; i++) {
    const start = performance.now();
    g.randn([1, 4, 128, 128], mode);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`randn 1x4x128x128 ${mode}: median ${times[25]!.toFixed(2)} ms, p90 ${times[45]!.toFixed(2)} ms`);
}
