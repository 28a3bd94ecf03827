import { randomUUID } from 'node:crypto';
import type { Render, RenderParams } from '../../../src-shared/domain/index.ts';
import type { FrameImage, ResolvedGeneration } from '../../engine/pipeline/index.ts';
import type { ServiceContext } from '../context.ts';
import type { JobHandle } from './job-handle.ts';
import { makeThumbnail } from './thumbnail.ts';

/** How the engine ran this job: the model's family and the settings with the model's defaults filled in. */
export interface RunSettings {
  family: string;
  resolved: ResolvedGeneration;
}

/**
 * Stores a finished frame as a new variant and makes it the frame's current one, in one transaction.
 * Dropped when the job was cancelled meanwhile (nothing arrives after a cancel) or the frame was deleted.
 */
export async function storeFrameRender({ store, events, now }: ServiceContext, handle: JobHandle, frame: FrameImage, run: RunSettings): Promise<void> {
  const { snapshot } = handle;
  const frameId = snapshot.storyFrameIds[frame.frameIndex];
  const png = Buffer.from(frame.png.buffer, frame.png.byteOffset, frame.png.byteLength);
  const thumbnail = await makeThumbnail(png);
  if (handle.isCancelled) return;

  const render: Render = { id: randomUUID(), frameId, createdAt: now(), width: frame.width, height: frame.height, params: renderParams(handle, frame, run) };
  // The job's record of the frames it stored commits with the render: a restart renders exactly the others.
  const stored = store.write(() => {
    if (store.frames.get(frameId)?.projectId !== snapshot.projectId) return false;
    store.renders.insert({ ...render, png, thumbnail });
    store.frames.showNewRender(frameId, render.id);
    handle.frameDone(frameId);
    return true;
  });
  if (!stored) return;
  events.emit('render.created', { projectId: snapshot.projectId, frameId, render });
}

/** Everything needed to make this image again. */
function renderParams({ snapshot }: JobHandle, frame: FrameImage, { family, resolved }: RunSettings): RenderParams {
  const { request } = snapshot;
  return {
    modelId: snapshot.modelId,
    modelFamily: family,
    // IPCA as it ran: off where the model cannot take IPCA's context, whatever the story asked for
    settings: { ...request.settings, ipca: resolved.ipca },
    width: frame.width,
    height: frame.height,
    steps: resolved.steps,
    guidance: resolved.guidance,
    scheduler: resolved.scheduler,
    seed: frame.seed,
    identityPrompt: request.identityPrompt,
    negativePrompt: request.negativePrompt,
    framePrompt: request.framePrompts[frame.frameIndex],
    storyPrompt: frame.storyPrompt,
    partIndex: frame.partIndex,
    planHash: snapshot.planHash,
    window: frame.windowFrames.map((j) => ({ frameId: snapshot.storyFrameIds[j], prompt: request.framePrompts[j] })),
  };
}
