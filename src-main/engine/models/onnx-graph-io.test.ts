// The declared signature read from the file is what onnxruntime reports, without a session.
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOnnxGraphIo } from './onnx-graph-io.ts';
import { makeTempRoot, writeFixture } from './test-folders.ts';
import { sessionSignature } from './value-signature.ts';

const { root, cleanup } = makeTempRoot('onnx-graph-io-');
afterAll(cleanup);
let dir: string;
beforeAll(async () => {
  dir = await writeFixture(join(root, 'sdxl'), 'sdxl', { precision: 'float16', inputIds: ['int32', 'int64'], timestep: { type: 'int64', shape: 'batch' } });
});

describe('readOnnxGraphIo', () => {
  it.each(['unet', 'vae_decoder', 'text_encoder'])('%s: names, element types and shapes as onnxruntime reports them', async (component) => {
    const path = join(dir, component, 'model.onnx');
    const session = await ort.InferenceSession.create(path, { intraOpNumThreads: 1 });
    const { inputs, outputs } = await readOnnxGraphIo(path);
    expect({ inputs, outputs }).toEqual(sessionSignature(session));
    await session.release();
  });

  it('the external weights a model refers to, with the byte its data ends at', async () => {
    const { externalData } = await readOnnxGraphIo(join(dir, 'unet', 'model.onnx'));
    expect(externalData).toEqual([{ location: 'model.onnx_data', end: expect.any(Number) }]);
    expect((await readOnnxGraphIo(join(dir, 'text_encoder', 'model.onnx'))).externalData).toEqual([]);
  });
});
