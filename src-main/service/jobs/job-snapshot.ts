import { z } from 'zod';
import { ApiError } from '../../../src-shared/contract/index.ts';
import { IdSchema, modelPrompt, type Frame, type Project } from '../../../src-shared/domain/index.ts';
import type { StoryPlan } from '../../engine/conditioning/index.ts';
import type { StoryRequest } from '../../engine/pipeline/index.ts';
import { StoryRequestSchema } from '../../engine/process/payload-schemas.ts';
import type { StoredModel } from '../../store/index.ts';

/**
 * Everything a job renders, fixed when it is queued: later edits to the story make its renders stale
 * rather than changing a job half-way.
 */
export interface JobSnapshot {
  projectId: string;
  modelId: string;
  /** every frame of the story, in order: the engine's frame indices point into this */
  storyFrameIds: string[];
  /** the frames to render, in story order */
  frameIds: string[];
  request: StoryRequest;
  planHash: string;
}

/**
 * The ids of the frames asked for; by default every frame the user has not kept (a kept frame is rendered again
 * only when asked for by name). Ids that are not in this story are refused.
 */
export function chooseFrames(frames: readonly Frame[], frameIds: readonly string[] | undefined): ReadonlySet<string> {
  const known = new Set(frames.map((f) => f.id));
  if (!frameIds) {
    const unkept = frames.filter((f) => !f.kept);
    if (unkept.length === 0 && frames.length > 0) throw new ApiError('invalid_input', 'Every frame is kept as it is; choose the frames to generate again');
    return new Set(unkept.map((f) => f.id));
  }
  const foreign = frameIds.filter((id) => !known.has(id));
  if (foreign.length > 0) throw new ApiError('invalid_input', `Not frames of this story: ${[...new Set(foreign)].join(', ')}`);
  return new Set(frameIds);
}

export function snapshotJob(project: Project, frames: readonly Frame[], chosen: ReadonlySet<string>, model: StoredModel, plan: StoryPlan): JobSnapshot {
  const selected = frames.flatMap((f, j) => (chosen.has(f.id) ? [{ id: f.id, index: j }] : []));
  return {
    projectId: project.id,
    modelId: model.id,
    storyFrameIds: frames.map((f) => f.id),
    frameIds: selected.map((f) => f.id),
    request: {
      modelDir: model.path,
      identityPrompt: project.identityPrompt,
      framePrompts: frames.map((f) => modelPrompt(f, project.settings)),
      negativePrompt: project.negativePrompt,
      settings: project.settings,
      frames: selected.map((f) => f.index),
      seedOverrides: frames.map((f) => f.seedOverride),
    },
    planHash: plan.hash,
  };
}

/** A snapshot as stored with its job: read back after a restart, it is checked like anything else from outside. */
const JobSnapshotSchema = z.strictObject({
  projectId: IdSchema,
  modelId: z.string(),
  storyFrameIds: z.array(IdSchema),
  frameIds: z.array(IdSchema),
  request: StoryRequestSchema,
  planHash: z.string(),
}) satisfies z.ZodType<JobSnapshot>;

export function parseJobSnapshot(json: string): JobSnapshot {
  return JobSnapshotSchema.parse(JSON.parse(json));
}

/** The same job narrowed to some of its frames (those it has still to render), in story order. */
export function narrowSnapshot(snapshot: JobSnapshot, frameIds: ReadonlySet<string>): JobSnapshot {
  const left = snapshot.storyFrameIds.flatMap((id, j) => (frameIds.has(id) ? [j] : []));
  return { ...snapshot, request: { ...snapshot.request, frames: left } };
}
