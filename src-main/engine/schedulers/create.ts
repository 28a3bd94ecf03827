// Builds the scheduler a model's scheduler_config.json names, or the one the user picked instead.
import { asRawConfig, type RawConfig, type Warn } from './config.ts';
import { DDIMScheduler } from './ddim.ts';
import { DPMSolverMultistepScheduler } from './dpm-solver.ts';
import { EDMDPMSolverMultistepScheduler } from './edm-dpm-solver.ts';
import { EulerAncestralDiscreteScheduler } from './euler-ancestral.ts';
import { EulerDiscreteScheduler } from './euler.ts';
import { HeunDiscreteScheduler } from './heun.ts';
import { KDPM2DiscreteScheduler } from './kdpm2.ts';
import { LCMScheduler } from './lcm.ts';
import { LMSDiscreteScheduler } from './lms.ts';
import { PNDMScheduler } from './pndm.ts';
import { isSchedulerName, type Scheduler, type SchedulerName } from './types.ts';
import { UniPCMultistepScheduler } from './unipc.ts';

const CLASSES = {
  EulerDiscreteScheduler: (raw: RawConfig, warn?: Warn) => new EulerDiscreteScheduler(raw, warn),
  EulerAncestralDiscreteScheduler: (raw: RawConfig) => new EulerAncestralDiscreteScheduler(raw),
  HeunDiscreteScheduler: (raw: RawConfig, warn?: Warn) => new HeunDiscreteScheduler(raw, warn),
  LMSDiscreteScheduler: (raw: RawConfig, warn?: Warn) => new LMSDiscreteScheduler(raw, warn),
  KDPM2DiscreteScheduler: (raw: RawConfig, warn?: Warn) => new KDPM2DiscreteScheduler(raw, warn),
  DDIMScheduler: (raw: RawConfig, warn?: Warn) => new DDIMScheduler(raw, warn),
  PNDMScheduler: (raw: RawConfig) => new PNDMScheduler(raw),
  DPMSolverMultistepScheduler: (raw: RawConfig, warn?: Warn) => new DPMSolverMultistepScheduler(raw, warn),
  UniPCMultistepScheduler: (raw: RawConfig, warn?: Warn) => new UniPCMultistepScheduler(raw, warn),
  EDMDPMSolverMultistepScheduler: (raw: RawConfig, warn?: Warn) => new EDMDPMSolverMultistepScheduler(raw, warn),
  LCMScheduler: (raw: RawConfig, warn?: Warn) => new LCMScheduler(raw, warn),
} satisfies Record<string, (raw: RawConfig, warn?: Warn) => Scheduler>;
type ClassName = keyof typeof CLASSES;

const KARRAS = { use_karras_sigmas: true, use_exponential_sigmas: false };
const NOT_KARRAS = { use_karras_sigmas: false };

/** The class behind each user-facing name, and the config keys that name fixes. */
const OVERRIDES: Record<SchedulerName, { className: ClassName; fixed?: RawConfig }> = {
  euler: { className: 'EulerDiscreteScheduler' },
  'euler-ancestral': { className: 'EulerAncestralDiscreteScheduler' },
  heun: { className: 'HeunDiscreteScheduler', fixed: NOT_KARRAS },
  'heun-karras': { className: 'HeunDiscreteScheduler', fixed: KARRAS },
  lms: { className: 'LMSDiscreteScheduler', fixed: NOT_KARRAS },
  'lms-karras': { className: 'LMSDiscreteScheduler', fixed: KARRAS },
  kdpm2: { className: 'KDPM2DiscreteScheduler', fixed: NOT_KARRAS },
  'kdpm2-karras': { className: 'KDPM2DiscreteScheduler', fixed: KARRAS },
  ddim: { className: 'DDIMScheduler' },
  // PLMS, as SD 1.x/2.x ship PNDM (the Runge–Kutta warm-up costs 12 model calls)
  pndm: { className: 'PNDMScheduler', fixed: { skip_prk_steps: true } },
  'dpmpp-2m': {
    className: 'DPMSolverMultistepScheduler',
    fixed: { algorithm_type: 'dpmsolver++', solver_order: 2, ...NOT_KARRAS },
  },
  'dpmpp-2m-karras': {
    className: 'DPMSolverMultistepScheduler',
    fixed: { algorithm_type: 'dpmsolver++', solver_order: 2, ...KARRAS },
  },
  'dpmpp-2m-sde': {
    className: 'DPMSolverMultistepScheduler',
    fixed: { algorithm_type: 'sde-dpmsolver++', solver_order: 2, ...NOT_KARRAS },
  },
  'dpmpp-2m-sde-karras': {
    className: 'DPMSolverMultistepScheduler',
    fixed: { algorithm_type: 'sde-dpmsolver++', solver_order: 2, ...KARRAS },
  },
  unipc: { className: 'UniPCMultistepScheduler', fixed: NOT_KARRAS },
  'unipc-karras': { className: 'UniPCMultistepScheduler', fixed: KARRAS },
  'edm-dpmpp-2m': { className: 'EDMDPMSolverMultistepScheduler', fixed: { algorithm_type: 'dpmsolver++', solver_order: 2 } },
  lcm: { className: 'LCMScheduler' },
};

function isClassName(name: string): name is ClassName {
  return Object.hasOwn(CLASSES, name);
}

/** EDM-trained models (σ-parameterised, no betas) and variance-preserving ones need different schedulers. */
function isEdm(className: string): boolean {
  return className.startsWith('EDM');
}

export interface CreateSchedulerOptions {
  /** Use this algorithm instead of the model's own; the model's noise schedule and prediction type stay. */
  override?: SchedulerName;
  onWarning?(message: string): void;
}

/**
 * A scheduler from the contents of a model's scheduler/scheduler_config.json. Classes not implemented
 * here (DEIS, DPM-Solver single-step, …) fall back to Euler discrete on the same noise schedule, EDM ones
 * to the EDM DPM-Solver, with a warning.
 */
export function createScheduler(config: unknown, options: CreateSchedulerOptions = {}): Scheduler {
  const raw = asRawConfig(config);
  const warn: Warn = (message) => options.onWarning?.(message);
  const modelClass = typeof raw._class_name === 'string' ? raw._class_name : '';
  const { override } = options;
  if (override !== undefined) {
    if (!isSchedulerName(override)) throw new Error(`unknown scheduler "${String(override)}"`);
    const { className, fixed } = OVERRIDES[override];
    if (modelClass !== '' && isEdm(modelClass) !== isEdm(className)) {
      warn?.(
        `scheduler "${override}" does not suit this model (its own is ${modelClass}): ` +
          'EDM models (Playground v2.5) need edm-dpmpp-2m, the others any of the rest; images will likely be noise',
      );
    }
    return CLASSES[className]({ ...raw, ...fixed }, warn);
  }
  if (isClassName(modelClass)) return CLASSES[modelClass](raw, warn);
  const fallback: ClassName = isEdm(modelClass) ? 'EDMDPMSolverMultistepScheduler' : 'EulerDiscreteScheduler';
  warn?.(
    `scheduler ${modelClass === '' ? '(no _class_name)' : `"${modelClass}"`} is not supported; ` +
      `using ${fallback} with the model's noise schedule instead`,
  );
  return CLASSES[fallback](raw, warn);
}
