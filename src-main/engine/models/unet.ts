// The UNet session: the sampler's float32 latents, timestep and contexts fed in the export's own element
// types and shapes; the noise prediction read back by name.
import { Tensor } from 'onnxruntime-node';
import { LATENT_CHANNELS, SDXL_TIME_IDS, fixedDim, type UnetIo } from './component-io.ts';
import type { ComponentSession } from './component-session.ts';
import { contextTooLong } from './context-length.ts';
import { floatTensor, readFloats } from './float-tensors.ts';
import type { UnetComponent, UnetInput, UnetShape } from './model-types.ts';

/** SDXL's text_embeds: the pooled output of OpenCLIP bigG. */
const SDXL_POOLED_WIDTH = 1280;

export class OnnxUnet implements UnetComponent {
  readonly #session: ComponentSession;
  readonly #io: UnetIo;
  readonly #contextDim: number;

  constructor(session: ComponentSession, io: UnetIo, contextDim: number) {
    this.#session = session;
    this.#io = io;
    this.#contextDim = contextDim;
  }

  async predict(input: UnetInput): Promise<Float32Array> {
    const { batch, contextTokens } = input;
    const io = this.#io;
    const { sampleDims, contextDims } = this.#dims(input);
    this.#expectLength('sample', input.sample, sampleDims);
    const fixedTokens = fixedDim(io.context, 1);
    if (fixedTokens !== null && contextTokens !== fixedTokens) throw contextTooLong(this.#session.path, fixedTokens, contextTokens);
    this.#expectLength('context', input.context, contextDims);
    const feeds: Record<string, Tensor> = {
      [io.sample.name]: floatTensor(input.sample, io.sample.type, sampleDims),
      [io.timestep.name]: this.#timestepTensor(input.timestep, batch),
      [io.context.name]: floatTensor(input.context, io.context.type, contextDims),
    };
    if (io.textEmbeds && io.timeIds) {
      if (!input.textEmbeds || !input.timeIds) throw new Error(`${this.#session.path}: this SDXL UNet needs textEmbeds and timeIds`);
      this.#expectLength('timeIds', input.timeIds, [batch, SDXL_TIME_IDS]);
      feeds[io.textEmbeds.name] = floatTensor(input.textEmbeds, io.textEmbeds.type, [batch, input.textEmbeds.length / batch]);
      feeds[io.timeIds.name] = floatTensor(input.timeIds, io.timeIds.type, [batch, SDXL_TIME_IDS]);
    }
    const outputs = await this.#session.run(feeds, [io.output.name], batch);
    return readFloats(outputs[io.output.name], this.#session.path);
  }

  itemsPerRun(shape: UnetShape): Promise<number | null> {
    const io = this.#io;
    return this.#session.itemsPerRun((items) => {
      const { sampleDims, contextDims } = this.#dims({ ...shape, batch: items });
      const dims: Record<string, number[]> = { [io.sample.name]: sampleDims, [io.timestep.name]: this.#timestepDims(items), [io.context.name]: contextDims };
      if (io.textEmbeds && io.timeIds) {
        // the pooled width of SDXL's second text encoder, where the export leaves it open
        dims[io.textEmbeds.name] = [items, fixedDim(io.textEmbeds, 1) ?? SDXL_POOLED_WIDTH];
        dims[io.timeIds.name] = [items, SDXL_TIME_IDS];
      }
      return dims;
    }, shape.batch);
  }

  #dims({ batch, latentHeight, latentWidth, contextTokens }: UnetShape): { sampleDims: number[]; contextDims: number[] } {
    return { sampleDims: [batch, LATENT_CHANNELS, latentHeight, latentWidth], contextDims: [batch, contextTokens, this.#contextDim] };
  }

  #timestepDims(batch: number): number[] {
    const spec = this.#io.timestep;
    return spec.shape.length === 0 ? [] : [fixedDim(spec, 0) ?? batch];
  }

  /**
   * Rank 0, [1] or [batch] as the export declares. Integer exports get the timestep truncated toward zero, as
   * diffusers' ONNX pipelines feed them (`np.array([t], dtype=int64)`): KDPM2's midpoints, Euler's 832.5.
   */
  #timestepTensor(t: number, batch: number): Tensor {
    const spec = this.#io.timestep;
    const dims = this.#timestepDims(batch);
    const count = dims[0] ?? 1;
    switch (spec.type) {
      case 'int64':
        return new Tensor('int64', new BigInt64Array(count).fill(BigInt(Math.trunc(t))), dims);
      case 'int32':
        return new Tensor('int32', new Int32Array(count).fill(Math.trunc(t)), dims);
      default:
        return floatTensor(new Float32Array(count).fill(t), spec.type, dims);
    }
  }

  #expectLength(name: string, values: Float32Array, dims: readonly number[]): void {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (values.length !== expected) throw new Error(`${this.#session.path}: ${name} has ${values.length} values, expected [${dims.join(', ')}] = ${expected}`);
  }
}
