// Float16 exports can overflow (SDXL's original VAE does, which is why diffusers upcasts it to float32): NaN or
// infinity would reach the PNG as a black or speckled image. Caught here and said plainly instead.
import { join } from 'node:path';
import { ModelFolderError } from '../models/index.ts';

function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** After sampling: the UNet's predictions overflowed somewhere along the way. */
export function assertFiniteLatents(latents: Float32Array, modelDir: string): void {
  if (allFinite(latents)) return;
  throw new ModelFolderError(
    join(modelDir, 'unet', 'model.onnx'),
    'the UNet produced NaN or infinite values (its float16 arithmetic overflowed)',
    'Try a lower guidance or another image size, another execution provider, or a float32 export of the model',
  );
}

/** After decoding one image. */
export function assertFiniteImage(image: Float32Array, modelDir: string): void {
  if (allFinite(image)) return;
  throw new ModelFolderError(
    join(modelDir, 'vae_decoder', 'model.onnx'),
    'the VAE decoder produced NaN or infinite values (its float16 arithmetic overflowed, as SDXL’s original VAE does)',
    'Use an export whose VAE decoder is float32, or one made with the fp16-fix VAE (madebyollin/sdxl-vae-fp16-fix)',
  );
}
