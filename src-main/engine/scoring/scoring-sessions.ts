// ONNX sessions of the scoring models and the tensors they take. Scoring runs on the CPU provider, in the engine
// process: the models are small beside a diffusion model and must never compete with it for GPU memory.
import * as ort from 'onnxruntime-node';
import type { ClipTokenizer } from '../tokenizer/index.ts';
import type { PixelValues } from './preprocess-image.ts';

export async function createScoringSession(path: string, threads?: number): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(path, { executionProviders: ['cpu'], ...(threads ? { intraOpNumThreads: threads } : {}) });
  } catch (error) {
    throw new Error(`${path}: ONNX Runtime cannot load it: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

export function pixelBatch(images: readonly PixelValues[]): ort.Tensor {
  const [first] = images;
  if (!first) throw new Error('no images to score');
  const plane = first.data.length;
  const data = new Float32Array(plane * images.length);
  images.forEach((image, i) => {
    if (image.data.length !== plane) throw new Error('images of one batch must be preprocessed to one size');
    data.set(image.data, i * plane);
  });
  return new ort.Tensor('float32', data, [images.length, 3, first.height, first.width]);
}

/** input_ids and attention_mask (1 up to the end token) for `texts`, in the integer type the graph declares. */
export function textBatch(tokenizer: ClipTokenizer, texts: readonly string[], idsType: 'int32' | 'int64'): { input_ids: ort.Tensor; attention_mask: ort.Tensor } {
  const length = tokenizer.maxLength;
  const ids = new Array<number>(texts.length * length);
  const mask = new Array<number>(texts.length * length).fill(0);
  texts.forEach((text, i) => {
    const encoded = tokenizer.encode(text);
    for (let t = 0; t < length; t++) {
      ids[i * length + t] = encoded.ids[t];
      if (t <= encoded.eosIndex) mask[i * length + t] = 1;
    }
  });
  const tensor = (values: number[]) =>
    idsType === 'int64'
      ? new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [texts.length, length])
      : new ort.Tensor('int32', Int32Array.from(values), [texts.length, length]);
  return { input_ids: tensor(ids), attention_mask: tensor(mask) };
}

/** The integer type of a graph's input_ids. */
export function idsType(session: ort.InferenceSession): 'int32' | 'int64' {
  const meta = session.inputMetadata.find((m) => m.name === 'input_ids');
  return meta?.isTensor && meta.type === 'int32' ? 'int32' : 'int64';
}

export function floatOutput(outputs: ort.InferenceSession.OnnxValueMapType, name: string, path: string): ort.Tensor {
  const value = outputs[name];
  if (!value || value.type !== 'float32') throw new Error(`${path}: has no float32 output "${name}"`);
  return value;
}
