// Identity-Preserving Cross-Attention as a context (issue 3 §4). In SD and SDXL, cross-attention keys and values
// are bias-free linear maps of the text context, so filtering keys and values is filtering the context rows: the
// UNet stays untouched and gets a longer context per frame.
//   paper:     [C̄ ; C̃]   C̄ = C̃ with every frame-prompt row (P1…PN) zeroed; unconditional [U ; U]
//   reference: [C̃ ; C_id[start … last identity token]]   C_id = the identity prompt encoded alone, not
//              reweighted; unconditional U at its own length (a separate UNet call)
//   off:       C̃
// Every rule works row by row, so applying it to each text encoder's output and joining the features (SDXL)
// is the same as applying it to the joined context; the helpers below do the former, one encoder at a time.
import type { IpcaMode } from '../../../src-shared/domain/index.ts';
import { copyRows, createEmbedding, type Embedding, type RowTarget } from './embedding.ts';

export interface IpcaLayout {
  /** Rows of the prompt's frame prompts P1…PN (what `paper` zeroes in C̄). */
  frameRows: readonly number[];
  /** `reference` appends rows 0 … identityEnd−1 of C_id: the start token and the identity tokens. */
  identityEnd: number;
}

/** One text encoder's share of a context. */
export interface EncoderPart {
  /** Rows and features of its output. */
  tokens: number;
  dim: number;
  /** Writes every row of its reweighted output C̃ᵢ to `target`. */
  writeReweighted(target: RowTarget): void;
  /** Its encoding of the identity prompt alone; needed by `reference`. */
  identityOnly?: Embedding;
}

/** The conditional branch's context: each encoder's IPCA rows, features joined in the order given. */
export function assembleCondContext(mode: IpcaMode, parts: readonly EncoderPart[], layout: IpcaLayout): Embedding {
  const tokens = parts[0].tokens;
  if (parts.some((part) => part.tokens !== tokens)) throw new Error('IPCA: the text encoders disagree on the number of tokens');
  const width = parts.reduce((sum, part) => sum + part.dim, 0);
  const rows = mode === 'paper' ? 2 * tokens : mode === 'reference' ? tokens + layout.identityEnd : tokens;
  const context = createEmbedding(rows, width);
  let column = 0;
  for (const part of parts) {
    const at = (row: number): RowTarget => ({ data: context.data, offset: row * width + column, stride: width });
    part.writeReweighted(at(mode === 'paper' ? tokens : 0));
    if (mode === 'reference') {
      const identity = part.identityOnly;
      if (!identity) throw new Error("IPCA 'reference' needs each text encoder's encoding of the identity prompt alone");
      if (identity.dim !== part.dim || identity.tokens < layout.identityEnd) {
        throw new Error(`IPCA: the identity-only encoding (${identity.tokens}×${identity.dim}) does not match its encoder (${part.dim} features, ${layout.identityEnd} identity rows)`);
      }
      copyRows({ data: identity.data.subarray(0, layout.identityEnd * part.dim), tokens: layout.identityEnd, dim: part.dim }, at(tokens));
    }
    column += part.dim;
  }
  if (mode === 'paper') {
    context.data.copyWithin(0, tokens * width);
    for (const row of layout.frameRows) context.data.fill(0, row * width, (row + 1) * width);
  }
  return context;
}

/** The unconditional branch's context: [U ; U] for `paper` (attends exactly like U), U otherwise. */
export function assembleUncondContext(mode: IpcaMode, uncond: readonly Embedding[]): Embedding {
  const tokens = uncond[0].tokens;
  const width = uncond.reduce((sum, part) => sum + part.dim, 0);
  const copies = mode === 'paper' ? 2 : 1;
  const context = createEmbedding(copies * tokens, width);
  let column = 0;
  for (const part of uncond) {
    if (part.tokens !== tokens) throw new Error('IPCA: the unconditional encodings disagree on the number of tokens');
    for (let copy = 0; copy < copies; copy++) copyRows(part, { data: context.data, offset: copy * tokens * width + column, stride: width });
    column += part.dim;
  }
  return context;
}
