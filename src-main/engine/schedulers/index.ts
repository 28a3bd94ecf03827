export { createScheduler, type CreateSchedulerOptions } from './create.ts';
export {
  isSchedulerName,
  PREDICTION_TYPES,
  SCHEDULER_NAMES,
  type NoiseSource,
  type PredictionType,
  type Scheduler,
  type SchedulerConfig,
  type SchedulerName,
  type StepResult,
} from './types.ts';
