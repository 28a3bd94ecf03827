// The method's conditioning: public API (see README.md).
export { copyRows, createEmbedding, type Embedding, type RowTarget } from './embedding.ts';
export { assembleCondContext, assembleUncondContext, type EncoderPart, type IpcaLayout } from './ipca.ts';
export { naiveReweight, type NaiveFactors } from './naive-reweight.ts';
export {
  StoryConditioning,
  type ConditioningSettings,
  type FrameContexts,
  type StoryEncodings,
} from './story-conditioning.ts';
export {
  assertRenderable,
  planStory,
  type FramePlacement,
  type PlannedPrompt,
  type PlanTokenizer,
  type StoryPlan,
  type StoryPlanInput,
  type TokenSpan,
} from './story-plan.ts';
export { SVR_EOT_STEP_FACTOR, SvrReweighter, type ReweightRows, type SvrMode, type SvrParams } from './svr.ts';
