// The denoising loop the story pipeline drives; see ../pipeline/README.md.
export { denoise, type DenoiseRequest, type DenoiseResult } from './denoise.ts';
export { FrameNoise } from './frame-noise.ts';
export type { GuidanceBranch } from './unet-calls.ts';
export { concatFloats, repeatFloats } from './float-arrays.ts';
