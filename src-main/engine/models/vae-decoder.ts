// The VAE decoder session: unscaled latents in, images in about [-1, 1] out.
import { LATENT_CHANNELS, type VaeDecoderIo } from './component-io.ts';
import type { ComponentSession } from './component-session.ts';
import { floatTensor, readFloats } from './float-tensors.ts';
import type { VaeDecoderComponent } from './model-types.ts';


export class OnnxVaeDecoder implements VaeDecoderComponent {
  readonly #session: ComponentSession;
  readonly #io: VaeDecoderIo;

  constructor(session: ComponentSession, io: VaeDecoderIo) {
    this.#session = session;
    this.#io = io;
  }

  async decode(latents: Float32Array, batch: number, latentHeight: number, latentWidth: number): Promise<Float32Array> {
    const dims = [batch, LATENT_CHANNELS, latentHeight, latentWidth];
    if (latents.length !== batch * LATENT_CHANNELS * latentHeight * latentWidth) {
      throw new Error(`${this.#session.path}: latents have ${latents.length} values, expected [${dims.join(', ')}]`);
    }
    const { latents: input, image } = this.#io;
    const outputs = await this.#session.run({ [input.name]: floatTensor(latents, input.type, dims) }, [image.name], batch);
    return readFloats(outputs[image.name], this.#session.path);
  }
}
