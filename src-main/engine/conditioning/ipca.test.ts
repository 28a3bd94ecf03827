import { describe, expect, it } from 'vitest';
import { copyRows, createEmbedding, type Embedding } from './embedding.ts';
import { assembleCondContext, assembleUncondContext, type EncoderPart, type IpcaLayout } from './ipca.ts';

const TOKENS = 6;
/** Row t of encoder e holds values e·100 + t·10 + x, so every value says where it came from. */
function encoderOutput(encoder: number, dim: number, tokens = TOKENS): Embedding {
  return createEmbedding(tokens, dim, Float32Array.from({ length: tokens * dim }, (_, i) => encoder * 100 + Math.floor(i / dim) * 10 + (i % dim)));
}
const part = (reweighted: Embedding, identityOnly?: Embedding): EncoderPart => ({
  tokens: reweighted.tokens,
  dim: reweighted.dim,
  identityOnly,
  writeReweighted: (target) => copyRows(reweighted, target),
});
const rowsOf = (e: Embedding): number[][] => Array.from({ length: e.tokens }, (_, t) => Array.from(e.data.subarray(t * e.dim, (t + 1) * e.dim)));
const joined = (...rows: number[][]): number[] => rows.flat();

// start token 0, identity rows 1–2, frames at rows 3 and 4, EOT at 5
const layout: IpcaLayout = { frameRows: [3, 4], identityEnd: 3 };

describe('IPCA contexts', () => {
  const c1 = encoderOutput(1, 2);
  const c2 = encoderOutput(2, 3);
  const id1 = encoderOutput(5, 2);
  const id2 = encoderOutput(6, 3);

  it('paper: [C̄ ; C̃] with every frame-prompt row of C̄ zeroed, across both encoders', () => {
    const context = assembleCondContext('paper', [part(c1), part(c2)], layout);
    expect([context.tokens, context.dim]).toEqual([2 * TOKENS, 5]);
    const rows = rowsOf(context);
    const tilde = rowsOf(c1).map((r, t) => joined(r, rowsOf(c2)[t]));
    expect(rows.slice(TOKENS)).toEqual(tilde);
    expect(rows.slice(0, TOKENS)).toEqual(tilde.map((r, t) => (layout.frameRows.includes(t) ? r.map(() => 0) : r)));
  });

  it('reference: [C̃ ; C_id[start … last identity token]], C_id per encoder as given', () => {
    const context = assembleCondContext('reference', [part(c1, id1), part(c2, id2)], layout);
    expect([context.tokens, context.dim]).toEqual([TOKENS + 3, 5]);
    const rows = rowsOf(context);
    expect(rows.slice(0, TOKENS)).toEqual(rowsOf(c1).map((r, t) => joined(r, rowsOf(c2)[t])));
    expect(rows.slice(TOKENS)).toEqual([0, 1, 2].map((t) => joined(rowsOf(id1)[t], rowsOf(id2)[t])));
  });

  it('off: C̃; one encoder works the same as two', () => {
    expect(rowsOf(assembleCondContext('off', [part(c1)], layout))).toEqual(rowsOf(c1));
    const both = assembleCondContext('paper', [part(c1), part(c2)], layout);
    expect(rowsOf(assembleCondContext('paper', [part(c2)], layout))).toEqual(rowsOf(both).map((r) => r.slice(2)));
  });

  it('unconditional: [U ; U] for paper, U for reference and off', () => {
    const u1 = encoderOutput(8, 2);
    const u2 = encoderOutput(9, 3);
    const u = rowsOf(u1).map((r, t) => joined(r, rowsOf(u2)[t]));
    expect(rowsOf(assembleUncondContext('paper', [u1, u2]))).toEqual([...u, ...u]);
    expect(rowsOf(assembleUncondContext('reference', [u1, u2]))).toEqual(u);
    expect(rowsOf(assembleUncondContext('off', [u1, u2]))).toEqual(u);
  });

  it('says what is missing or inconsistent', () => {
    expect(() => assembleCondContext('reference', [part(c1)], layout)).toThrow(/identity prompt alone/);
    expect(() => assembleCondContext('reference', [part(c1, encoderOutput(5, 3))], layout)).toThrow(/does not match/);
    expect(() => assembleCondContext('off', [part(c1), part(encoderOutput(2, 3, 7))], layout)).toThrow(/number of tokens/);
  });
});
