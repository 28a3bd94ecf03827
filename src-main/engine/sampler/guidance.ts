/**
 * Classifier-free guidance, u + g·(c − u), rounded to float32 after every operation as torch computes it in
 * float32, so the arithmetic matches diffusers' for the same model outputs.
 */
export function applyGuidance(target: Float32Array, uncond: Float32Array, cond: Float32Array, scale: number): Float32Array {
  const g = Math.fround(scale);
  for (let i = 0; i < target.length; i++) {
    const u = uncond[i];
    target[i] = u + Math.fround(g * Math.fround(cond[i] - u));
  }
  return target;
}
