// Which files of a repository a download fetches: the ones asked for, or the components the pipeline reads.
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { StoredDownloadFile } from '../../store/index.ts';

const COMPONENT_FOLDERS = new Set(['scheduler', 'text_encoder', 'text_encoder_2', 'tokenizer', 'tokenizer_2', 'unet', 'vae_decoder']);

/**
 * model_index.json, and in each component folder its configs, tokenizer files, model.onnx and the weights beside it
 * (model.onnx_data, model.onnx.data, weights.pb). Repositories often hold the same model in other forms as well
 * (safetensors, fp16 or OpenVINO copies, a VAE encoder): those stay on the Hub.
 */
function isPipelineFile(path: string): boolean {
  if (path === 'model_index.json') return true;
  const [folder, name, ...deeper] = path.split('/');
  if (deeper.length > 0 || name === undefined || !COMPONENT_FOLDERS.has(folder)) return false;
  return /\.(json|txt)$/.test(name) || name.startsWith('model.onnx') || name === 'weights.pb';
}

export function selectFiles(all: readonly StoredDownloadFile[], requested: readonly string[] | undefined, what: string): StoredDownloadFile[] {
  if (requested) {
    const byPath = new Map(all.map((f) => [f.path, f]));
    const missing = requested.filter((path) => !byPath.has(path));
    if (missing.length > 0) throw new ApiError('invalid_input', `Not in ${what}: ${missing.join(', ')}`);
    return [...new Set(requested)].map((path) => byPath.get(path)!);
  }
  const chosen = all.filter((f) => isPipelineFile(f.path));
  const paths = new Set(chosen.map((f) => f.path));
  if (!paths.has('model_index.json') || !paths.has('unet/model.onnx')) {
    throw new ApiError(
      'invalid_input',
      `${what} holds no ONNX export in the diffusers/optimum layout (model_index.json and unet/model.onnx at its top level). Choose another repository, or name its files.`,
    );
  }
  return chosen;
}
