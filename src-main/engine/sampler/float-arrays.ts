/** `parts` back to back (the part itself when there is one: no copy). */
export function concatFloats(parts: readonly Float32Array[]): Float32Array {
  if (parts.length === 1) return parts[0];
  const joined = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** `values` `times` times over. */
export function repeatFloats(values: Float32Array, times: number): Float32Array {
  const repeated = new Float32Array(values.length * times);
  for (let i = 0; i < times; i++) repeated.set(values, i * values.length);
  return repeated;
}
