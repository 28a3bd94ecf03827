// A CLIP text encoder session: padded token ids in, the conditioning hidden states (and SDXL's pooled
// projection) out, one batched run for all prompts.
import { Tensor } from 'onnxruntime-node';
import { createEmbedding } from '../conditioning/index.ts';
import type { TextEncoderIo } from './component-io.ts';
import type { ComponentSession } from './component-session.ts';
import { readFloats } from './float-tensors.ts';
import type { TextEncoderComponent, TextEncoding } from './model-types.ts';

export class OnnxTextEncoder implements TextEncoderComponent {
  readonly width: number;
  readonly #session: ComponentSession;
  readonly #io: TextEncoderIo;

  constructor(session: ComponentSession, io: TextEncoderIo, width: number) {
    this.#session = session;
    this.#io = io;
    this.width = width;
  }

  async encode(ids: readonly Int32Array[]): Promise<TextEncoding[]> {
    if (ids.length === 0) return [];
    const tokens = ids[0].length;
    if (ids.some((row) => row.length !== tokens)) throw new Error(`${this.#session.path}: all prompts of one call must have the same number of token ids`);
    const { ids: idsSpec, hidden: hiddenSpec, pooled: pooledSpec } = this.#io;
    const flat = new Int32Array(ids.length * tokens);
    ids.forEach((row, i) => flat.set(row, i * tokens));
    const input = idsSpec.type === 'int32' ? new Tensor('int32', flat, [ids.length, tokens]) : new Tensor('int64', BigInt64Array.from(flat, BigInt), [ids.length, tokens]);
    const fetches = pooledSpec ? [hiddenSpec.name, pooledSpec.name] : [hiddenSpec.name];
    const outputs = await this.#session.run({ [idsSpec.name]: input }, fetches, ids.length);

    const hidden = readFloats(outputs[hiddenSpec.name], this.#session.path);
    const rowLength = tokens * this.width;
    if (hidden.length !== ids.length * rowLength) {
      throw new Error(`${this.#session.path}: ${hiddenSpec.name} has shape [${outputs[hiddenSpec.name].dims.join(', ')}], expected [${ids.length}, ${tokens}, ${this.width}]`);
    }
    const pooled = pooledSpec ? readFloats(outputs[pooledSpec.name], this.#session.path) : null;
    const pooledLength = pooled ? pooled.length / ids.length : 0;
    return ids.map((_, i) => ({
      hidden: createEmbedding(tokens, this.width, hidden.slice(i * rowLength, (i + 1) * rowLength)),
      pooled: pooled ? pooled.slice(i * pooledLength, (i + 1) * pooledLength) : null,
    }));
  }
}
