/** A text encoder's output or a cross-attention context: `tokens` rows of `dim` features, row-major. */
export interface Embedding {
  data: Float32Array;
  tokens: number;
  dim: number;
}

/**
 * Where rows are written: row i starts at data[offset + i·stride]. Lets each encoder write its features straight
 * into a wider context (SDXL joins two encoders feature-wise) at any row.
 */
export interface RowTarget {
  data: Float64Array | Float32Array;
  offset: number;
  stride: number;
}

/** Row i of `embedding` as row i of `target`, for the given rows (default: all). */
export function copyRows(embedding: Embedding, target: RowTarget, rows?: ArrayLike<number>): void {
  const { data, tokens, dim } = embedding;
  const count = rows ? rows.length : tokens;
  for (let i = 0; i < count; i++) {
    const t = rows ? rows[i] : i;
    target.data.set(data.subarray(t * dim, (t + 1) * dim), target.offset + t * target.stride);
  }
}

export function createEmbedding(tokens: number, dim: number, data: Float32Array = new Float32Array(tokens * dim)): Embedding {
  if (!Number.isInteger(tokens) || tokens < 0 || !Number.isInteger(dim) || dim < 1) {
    throw new Error(`An embedding needs whole, positive sizes; got ${tokens} tokens × ${dim} features`);
  }
  if (data.length !== tokens * dim) {
    throw new Error(`An embedding of ${tokens} tokens × ${dim} features needs ${tokens * dim} values, got ${data.length}`);
  }
  return { data, tokens, dim };
}
