// Which kind of Stable Diffusion a folder holds, from its configs, and what that kind prescribes when the user
// leaves size, steps and guidance at "model default".
import type { FamilyDefaults, ModelFamily } from './model-types.ts';

export interface FamilyEvidence {
  /** the folder's name and model_index.json's `_name_or_path`: distilled models are known by name */
  names: readonly string[];
  twoEncoders: boolean;
  contextDim: number;
  scheduler: Readonly<Record<string, unknown>>;
  vaeConfig: Readonly<Record<string, unknown>>;
}

export interface RecognizedFamily {
  family: ModelFamily;
  /** few-step (adversarially or consistency) distilled: sampled without classifier-free guidance */
  distilled: boolean;
  /** consistency-distilled (the LCM scheduler): a few steps rather than one */
  consistency?: boolean;
}

/** OpenCLIP ViT-H, the text encoder of SD 2.x (SD 1.x has CLIP ViT-L, 768 wide). */
const SD2_CONTEXT_DIM = 1024;
const DISTILLED_NAME = /turbo|lcm|lightning|hyper[-_ ]?sd/i;

export function recognizeFamily(evidence: FamilyEvidence): RecognizedFamily {
  const { scheduler, vaeConfig } = evidence;
  const schedulerClass = String(scheduler._class_name ?? '');
  // SDXL-Turbo ships Euler ancestral with trailing spacing; LCM models (and LoRA-fused ones) the LCM scheduler.
  const distilled =
    schedulerClass === 'LCMScheduler' ||
    (schedulerClass === 'EulerAncestralDiscreteScheduler' && scheduler.timestep_spacing === 'trailing') ||
    evidence.names.some((name) => DISTILLED_NAME.test(name));
  if (evidence.twoEncoders) {
    // Playground v2.5 is SDXL-shaped but EDM-trained, with per-channel latent statistics in its VAE config.
    const edm = schedulerClass.startsWith('EDM') || Array.isArray(vaeConfig.latents_mean);
    if (edm) return { family: 'playground-v2.5', distilled: false };
    return { family: distilled ? 'sdxl-turbo' : 'sdxl', distilled, ...lcm(schedulerClass) };
  }
  const sd2 = evidence.contextDim === SD2_CONTEXT_DIM || scheduler.prediction_type === 'v_prediction';
  return { family: sd2 ? 'sd2' : 'sd1', distilled, ...lcm(schedulerClass) };
}

function lcm(schedulerClass: string): { consistency?: true } {
  return schedulerClass === 'LCMScheduler' ? { consistency: true } : {};
}

interface Prescription {
  size: number;
  steps: number;
  guidance: number;
}

// diffusers' pipeline defaults (StableDiffusionPipeline 50 steps / 7.5, StableDiffusionXLPipeline 50 / 5.0) and
// the model cards' (Playground v2.5: guidance 3; SDXL-Turbo and SD-Turbo: 1 step at 512 px without guidance). LCM
// models take diffusers' LatentConsistencyModelPipeline default of 4 steps. The size is only a fallback: the
// UNet's sample_size × the VAE's scale wins.
const PRESCRIPTIONS: Record<ModelFamily, Prescription> = {
  sd1: { size: 512, steps: 50, guidance: 7.5 },
  sd2: { size: 768, steps: 50, guidance: 7.5 },
  sdxl: { size: 1024, steps: 50, guidance: 5.0 },
  'sdxl-turbo': { size: 512, steps: 1, guidance: 0 },
  'playground-v2.5': { size: 1024, steps: 50, guidance: 3.0 },
};

const LCM_STEPS = 4;

export function familyDefaults({ family, distilled, consistency }: RecognizedFamily, imageSize: number | null): FamilyDefaults {
  const base = PRESCRIPTIONS[family];
  const few = distilled ? PRESCRIPTIONS['sdxl-turbo'] : base;
  const size = imageSize ?? base.size;
  return { width: size, height: size, steps: consistency ? LCM_STEPS : few.steps, guidance: few.guidance };
}
