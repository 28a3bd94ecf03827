import { z } from 'zod';
import { AspectSchema } from './aspect-presets.ts';

/** How frame prompts are reweighted per frame (issue 3 §4). */
export const REWEIGHT_MODES = ['svr', 'svr-eot', 'naive', 'off'] as const;
export type ReweightMode = (typeof REWEIGHT_MODES)[number];

/** Identity-Preserving Cross-Attention variants (issue 3 §4). */
export const IPCA_MODES = ['paper', 'reference', 'off'] as const;
export type IpcaMode = (typeof IPCA_MODES)[number];

/** `model` keeps the model's own scheduler_config.json; the others override its algorithm only. */
export const SCHEDULER_CHOICES = [
  'model',
  'euler',
  'euler-ancestral',
  'heun',
  'heun-karras',
  'lms',
  'lms-karras',
  'kdpm2',
  'kdpm2-karras',
  'ddim',
  'pndm',
  'dpmpp-2m',
  'dpmpp-2m-karras',
  'dpmpp-2m-sde',
  'dpmpp-2m-sde-karras',
  'unipc',
  'unipc-karras',
  'edm-dpmpp-2m',
  'lcm',
] as const;
export type SchedulerChoice = (typeof SCHEDULER_CHOICES)[number];

/**
 * How the starting latents and step noise are drawn, as torch.randn does on CPU: float32, float16 as
 * PyTorch 2.x draws it (float32 noise rounded to half), or float16 as PyTorch 1.13 drew it.
 */
export const NOISE_MODES = ['float32', 'float16', 'float16-torch1'] as const;
export type NoiseMode = (typeof NOISE_MODES)[number];

/** torch seeds are 64-bit; JSON numbers stay exact up to 2^53. */
export const SeedSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ReweightSettingsSchema = z.strictObject({
  mode: z.enum(REWEIGHT_MODES),
  /** enhance: σ̂ = β·e^{ασ}·σ */
  alphaEnhance: z.number().min(0).max(1),
  betaEnhance: z.number().min(0).max(10),
  /** suppress: σ̃ = β′·e^{−α′σ}·σ */
  alphaSuppress: z.number().min(0).max(10),
  betaSuppress: z.number().min(0).max(10),
  /** naive mode: factors for the current frame's tokens and the other frames' tokens */
  naiveEnhance: z.number().min(0).max(10),
  naiveSuppress: z.number().min(0).max(10),
});
export type ReweightSettings = z.infer<typeof ReweightSettingsSchema>;

/**
 * Everything that shapes a generation. `null` for size, steps, guidance means "the model's own
 * default" so a story matches one made with diffusers from the same seed unless the user overrides.
 */
/** An image's width or height: what settings take, and what a model's own default size must be. */
export const ImageSideSchema = z.number().int().min(64).max(4096).multipleOf(8);

export const GenerationSettingsSchema = z.strictObject({
  width: ImageSideSchema.nullable(),
  height: ImageSideSchema.nullable(),
  steps: z.number().int().min(1).max(500).nullable(),
  guidance: z.number().min(0).max(50).nullable(),
  scheduler: z.enum(SCHEDULER_CHOICES),
  seed: SeedSchema,
  reweight: ReweightSettingsSchema,
  ipca: z.enum(IPCA_MODES),
  /** most frames per consolidated prompt before circular sliding windows take over */
  windowLength: z.number().int().min(1).max(75),
  /** settings stored before noise modes existed were drawn in float32, so a missing field reads as that */
  noise: z.enum(NOISE_MODES).default('float32'),
  /** "let shot type guide the image": each frame's shot type is worded into its prompt part; off before it existed */
  shotTypeGuidesImage: z.boolean().default(false),
  /** the aspect preset width and height were set from (aspect-presets.ts), or null when they are free; none before presets existed */
  aspect: AspectSchema.default(null),
});
export type GenerationSettings = z.infer<typeof GenerationSettingsSchema>;

/** The method's defaults (1Prompt1Story paper and issue 2). */
export const DEFAULT_REWEIGHT: ReweightSettings = Object.freeze({
  mode: 'svr',
  alphaEnhance: 0.01,
  betaEnhance: 1.0,
  alphaSuppress: 0.01,
  betaSuppress: 0.05,
  naiveEnhance: 2,
  naiveSuppress: 0.5,
});

export const DEFAULT_SETTINGS: GenerationSettings = Object.freeze({
  width: null,
  height: null,
  steps: null,
  guidance: null,
  scheduler: 'model',
  seed: 42,
  reweight: DEFAULT_REWEIGHT,
  ipca: 'paper',
  windowLength: 10,
  noise: 'float32',
  shotTypeGuidesImage: false,
  aspect: null,
});

/** A partial change to settings; `reweight` may itself be partial. */
export const SettingsPatchSchema = GenerationSettingsSchema.extend({
  reweight: ReweightSettingsSchema.partial(),
  // without the defaults: a patch that leaves them out keeps the current choice
  noise: z.enum(NOISE_MODES),
  shotTypeGuidesImage: z.boolean(),
  aspect: AspectSchema,
}).partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** A width or height typed in alone leaves the aspect preset: the size is free again. */
export function applySettingsPatch(base: GenerationSettings, patch: SettingsPatch): GenerationSettings {
  const resized = (patch.width !== undefined || patch.height !== undefined) && patch.aspect === undefined;
  return GenerationSettingsSchema.parse({
    ...base,
    ...patch,
    ...(resized ? { aspect: null } : {}),
    reweight: { ...base.reweight, ...patch.reweight },
  });
}
