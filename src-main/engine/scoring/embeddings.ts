// Cosine similarity over embeddings and the consistency figures built on it.

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`embeddings differ in width: ${a.length} and ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) return 0;
  // rounding can carry |cos| a hair past 1
  return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
}

/** Mean cosine over all pairs; null with fewer than two embeddings. */
export function meanPairwiseCosine(embeddings: readonly ArrayLike<number>[]): number | null {
  if (embeddings.length < 2) return null;
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < embeddings.length; i++) {
    for (let j = i + 1; j < embeddings.length; j++) {
      total += cosine(embeddings[i], embeddings[j]);
      pairs++;
    }
  }
  return total / pairs;
}

/** Per embedding, its mean cosine to every other one (null each with fewer than two): the frame that drifts scores lowest. */
export function similarityToOthers(embeddings: readonly ArrayLike<number>[]): (number | null)[] {
  if (embeddings.length < 2) return embeddings.map(() => null);
  return embeddings.map((e, i) => {
    let total = 0;
    embeddings.forEach((other, j) => {
      if (j !== i) total += cosine(e, other);
    });
    return total / (embeddings.length - 1);
  });
}

/** Rows of a [count, width] float tensor. */
export function rows(data: Float32Array, count: number): Float32Array[] {
  const width = data.length / count;
  return Array.from({ length: count }, (_, i) => data.slice(i * width, (i + 1) * width));
}
