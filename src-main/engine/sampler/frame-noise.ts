// Noise per frame, as diffusers draws it for one image: a torch generator seeded with the frame's seed gives the
// starting latents first, then (stochastic schedulers) every step's noise from the same stream. Each frame keeps
// its own generator, so a frame comes out the same whichever batch it is rendered in.
import { TorchGenerator, type NoiseMode } from '../noise/torch-generator.ts';
import type { NoiseSource } from '../schedulers/index.ts';

export class FrameNoise implements NoiseSource {
  readonly #generators: TorchGenerator[];
  readonly #mode: NoiseMode;

  constructor(seeds: readonly number[], mode: NoiseMode = 'float32') {
    this.#generators = seeds.map((seed) => new TorchGenerator(seed));
    this.#mode = mode;
  }

  /** Each frame's starting latents ([1, ...frameShape], unit variance × `initNoiseSigma`), frames back to back. */
  initialLatents(frameShape: readonly number[], initNoiseSigma: number): Float32Array {
    const latents = this.randn([this.#generators.length, ...frameShape]);
    // torch multiplies a float32 tensor by a Python float in float32
    const sigma = Math.fround(initNoiseSigma);
    for (let i = 0; i < latents.length; i++) latents[i] *= sigma;
    return latents;
  }

  /** A draw for the whole batch: each frame's equal share comes from its own generator. */
  randn(shape: readonly number[]): Float32Array {
    const total = shape.reduce((product, size) => product * size, 1);
    const frames = this.#generators.length;
    if (total % frames !== 0) throw new Error(`Cannot split ${total} noise values over ${frames} frames`);
    const perFrame = total / frames;
    const noise = new Float32Array(total);
    this.#generators.forEach((generator, i) => noise.set(generator.randn([perFrame], this.#mode), i * perFrame));
    return noise;
  }
}
