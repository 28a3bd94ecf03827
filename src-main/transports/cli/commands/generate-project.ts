// `onestory generate --project`: renders a library story's frames through the service's job queue, as the app does;
// the renders are stored with the project. Ctrl-C cancels the job; the frames stored before are kept.
import { ApiError, type ApiClient } from '../../../../src-shared/contract/index.ts';
import type { Frame, Job } from '../../../../src-shared/domain/index.ts';
import { runSummary } from '../../../../src-shared/format/device.ts';
import { formatCount, formatSecondsPerStep } from '../../../../src-shared/format/quantities.ts';
import { frameNumbers } from '../../../export/render-summary.ts';
import { CliExit, EXIT_INTERRUPTED } from '../exit-codes.ts';
import { follow, type Subscribe } from '../follow.ts';
import { formatDuration, type CliIO } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { resolveProjectId } from '../resolve-project.ts';

export interface ProjectGenerateOptions {
  project: string;
  /** 1-based frame numbers */
  frames?: number[];
  /** only the frames not generated yet or out of date */
  stale?: boolean;
}

const ENDED: ReadonlySet<Job['status']> = new Set(['done', 'failed', 'cancelled']);

export async function generateProject(api: ApiClient, subscribe: Subscribe, opts: ProjectGenerateOptions, io: CliIO): Promise<void> {
  const projectId = await resolveProjectId(api, opts.project);
  const { project, frames } = await api.projects.get({ id: projectId });
  if (frames.length === 0) throw new ApiError('invalid_input', `"${project.name}" has no frames; add some: onestory frames add "${project.name}" --prompt "…"`);
  const chosen = await chooseFrames(api, frames, opts);
  if (chosen?.length === 0) return io.out(`Nothing to generate: every frame of "${project.name}" is generated and up to date (or kept).`);

  const numberOf = new Map(frames.map((f) => [f.id, f.position + 1]));
  const progress = progressBar(io);
  let interrupted = false;
  let job: Job;
  try {
    job = await follow<Job>({
      subscribe,
      updateOf: (m) => (m.event === 'job.updated' ? m.payload : undefined),
      start: () => api.jobs.generate({ projectId, frameIds: chosen?.map((f) => f.id) }),
      onUpdate(update) {
        const p = update.progress;
        if (update.status === 'done') return progress.update(1, 'done');
        if (update.status !== 'running' || !p) return;
        const eta = p.etaMs === null ? '' : `, ${formatDuration(Math.ceil(p.etaMs / 1000))} left`;
        const speed = p.secondsPerStep === null ? '' : `, ${formatSecondsPerStep(p.secondsPerStep)}`;
        progress.update(p.fraction, `${frameNumbers(p.frameIds.map((id) => numberOf.get(id) ?? 0))}: step ${p.step + 1}/${p.totalSteps}${speed}${eta}`);
      },
      ended: (update) => ENDED.has(update.status),
      onInterrupt(id) {
        interrupted = true;
        api.jobs.cancel({ id }).catch(() => {}); // the job then ends as cancelled, which ends the wait
      },
    });
  } finally {
    progress.end();
  }

  const done = job.doneFrameIds.length;
  const stored = done === 0 ? 'no frame was stored' : `${done} of ${formatCount(job.frameIds.length, 'frame')} ${done === 1 ? 'was' : 'were'} stored and ${done === 1 ? 'is' : 'are'} kept`;
  for (const warning of job.warnings) io.err(`warning: ${warning}`);
  if (job.status === 'cancelled' && interrupted) throw new CliExit(EXIT_INTERRUPTED, `Cancelled; ${stored}.`);
  if (job.status !== 'done') throw new Error(`${job.error ?? `The job was ${job.status}.`} (${stored})`);
  const seconds = ((job.finishedAt ?? 0) - (job.startedAt ?? 0)) / 1000;
  const hardware = await api.hardware.get({});
  const where = hardware.device && hardware.inUse ? ` on ${runSummary(hardware.inUse, hardware.device, hardware.lastCalls)}` : '';
  io.out(`Generated ${formatCount(job.doneFrameIds.length, 'frame')} of "${project.name}" in ${seconds.toFixed(1)} s${where}`);
}

/** The frames asked for, in story order; undefined: every frame not kept (what jobs.generate does by default). */
async function chooseFrames(api: ApiClient, frames: readonly Frame[], opts: ProjectGenerateOptions): Promise<Frame[] | undefined> {
  const missing = (opts.frames ?? []).filter((n) => n > frames.length);
  if (missing.length > 0) throw new ApiError('invalid_input', `--frames: the story has ${formatCount(frames.length, 'frame')}; there is no frame ${missing.join(', ')}`);
  let chosen = opts.frames ? frames.filter((f) => opts.frames!.includes(f.position + 1)) : undefined;
  if (opts.stale) {
    // What export refuses: not generated yet, or out of date and not kept.
    const { problems } = await api.exports.check({ projectId: frames[0].projectId });
    const notReady = new Set(problems.map((p) => p.frameId));
    chosen = (chosen ?? frames).filter((f) => notReady.has(f.id));
  }
  return chosen;
}
