// `onestory frames …`: write a library story's frames from the shell, through the same contract methods as the editor.
import { Option, type Command } from 'commander';
import { ApiError, type ApiClient } from '../../../../src-shared/contract/index.ts';
import { IdSchema, type Frame } from '../../../../src-shared/domain/index.ts';
import { formatCount } from '../../../../src-shared/format/quantities.ts';
import { decimal, integer } from '../option-values.ts';
import { shellArg, type CliIO } from '../output.ts';
import { resolveProjectId } from '../resolve-project.ts';

type ClientFactory = () => ApiClient;

interface FrameTextOptions {
  prompt?: string;
  caption?: string;
  notes?: string;
  /** seconds */
  duration?: number;
  json?: boolean;
}

interface UpdateOptions extends FrameTextOptions {
  /** a number, or false for --no-seed */
  seed?: number | false;
  keep?: boolean;
  unkeep?: boolean;
}

export function registerFrameCommands(program: Command, client: ClientFactory, io: CliIO): void {
  const frames = program.command('frames').description("add, change, move and remove a story's frames (then: onestory generate --project …)");
  const frameArgs = (command: Command) => command.argument('<project>', 'project id or name').argument('<frame>', 'frame number (from 1) or id');

  frames
    .command('add')
    .description('add a frame to a story, at the end unless --at')
    .argument('<project>', 'project id or name')
    .requiredOption('--prompt <text>', 'what happens in this frame (the identity prompt is added by the story)')
    .option('--caption <text>', 'caption under the frame on the storyboard')
    .option('--notes <text>', 'notes for the storyboard')
    .option('--duration <seconds>', 'how long it shows in the GIF (default 1)', seconds)
    .option('--at <n>', 'its number in the story; later frames move down (default: last)', integer(1, Number.MAX_SAFE_INTEGER))
    .option('--json', 'print JSON')
    .action(async (projectRef: string, opts: FrameTextOptions & { prompt: string; at?: number }) => {
      const api = client();
      const projectId = await resolveProjectId(api, projectRef);
      const frame = await api.frames.add({
        projectId,
        prompt: opts.prompt,
        caption: opts.caption,
        notes: opts.notes,
        durationMs: toMs(opts.duration),
        position: opts.at === undefined ? undefined : opts.at - 1,
      });
      await report(api, io, opts, frame, `Added frame ${frame.position + 1} to`);
    });

  frameArgs(frames.command('update'))
    .description('change a frame; --keep accepts its current picture as it is, even when out of date')
    .option('--prompt <text>', 'what happens in this frame')
    .option('--caption <text>', 'caption under the frame')
    .option('--notes <text>', 'notes for the storyboard')
    .option('--duration <seconds>', 'how long it shows in the GIF', seconds)
    .option('--seed <n>', "this frame's own seed instead of the story's", integer(0, 2 ** 53 - 1))
    .option('--no-seed', "use the story's seed again")
    .addOption(new Option('--keep', 'keep its current picture as it is: "generate" leaves it alone and export uses it').conflicts('unkeep'))
    .option('--unkeep', 'no longer keep it: it is out of date again where the story changed')
    .option('--json', 'print JSON')
    .action(async (projectRef: string, frameRef: string, opts: UpdateOptions, command: Command) => {
      const patch = {
        prompt: opts.prompt,
        caption: opts.caption,
        notes: opts.notes,
        durationMs: toMs(opts.duration),
        seedOverride: opts.seed === undefined ? undefined : opts.seed === false ? null : opts.seed,
        kept: opts.keep ? true : opts.unkeep ? false : undefined,
      };
      if (Object.values(patch).every((v) => v === undefined)) command.error('error: nothing to change: give --prompt, --caption, --notes, --duration, --seed, --no-seed, --keep or --unkeep');
      const api = client();
      const { frame: target } = await resolveFrame(api, projectRef, frameRef);
      const frame = await api.frames.update({ id: target.id, patch });
      await report(api, io, opts, frame, `Updated frame ${frame.position + 1} of`);
    });

  frameArgs(frames.command('move'))
    .description('move a frame to another place in the story')
    .requiredOption('--to <n>', 'its new number in the story', integer(1, Number.MAX_SAFE_INTEGER))
    .option('--json', 'print the story’s frames in their new order as JSON')
    .action(async (projectRef: string, frameRef: string, opts: { to: number; json?: boolean }) => {
      const api = client();
      const { frame, count } = await resolveFrame(api, projectRef, frameRef);
      if (opts.to > count) throw new ApiError('invalid_input', `--to ${opts.to}: the story has ${formatCount(count, 'frame')}`);
      const story = await api.frames.reorder({ id: frame.id, toPosition: opts.to - 1 });
      if (opts.json) return io.out(JSON.stringify(story, null, 2));
      await report(api, io, opts, frame, `Moved frame ${frame.position + 1} to ${opts.to} in`);
    });

  frameArgs(frames.command('remove'))
    .description('delete a frame with its pictures; later frames move up')
    .action(async (projectRef: string, frameRef: string) => {
      const api = client();
      const { frame } = await resolveFrame(api, projectRef, frameRef);
      await api.frames.delete({ id: frame.id });
      await report(api, io, {}, frame, `Removed frame ${frame.position + 1} ("${frame.prompt}") from`);
    });
}

/** A frame named by its number in the story (from 1) or its id. */
async function resolveFrame(api: ApiClient, projectRef: string, frameRef: string): Promise<{ frame: Frame; count: number }> {
  const { project, frames } = await api.projects.get({ id: await resolveProjectId(api, projectRef) });
  const number = /^\d+$/.test(frameRef.trim()) ? Number(frameRef) : undefined;
  const frame = number !== undefined ? frames[number - 1] : IdSchema.safeParse(frameRef).success ? frames.find((f) => f.id === frameRef) : undefined;
  if (frame) return { frame, count: frames.length };
  if (number === undefined && !IdSchema.safeParse(frameRef).success) throw new ApiError('invalid_input', `"${frameRef}" is neither a frame number nor a frame id`);
  throw new ApiError('not_found', `"${project.name}" has ${formatCount(frames.length, 'frame')}; there is no frame ${frameRef}. See: onestory projects show ${shellArg(project.name)}`);
}

/** What was done (`done` ends with its preposition: "Added frame 3 to"), and what the story now needs before it can be exported, with the command that does it. */
async function report(api: ApiClient, io: CliIO, opts: { json?: boolean }, frame: Frame, done: string): Promise<void> {
  if (opts.json) return io.out(JSON.stringify(frame, null, 2));
  const [{ project }, { problems }] = await Promise.all([api.projects.get({ id: frame.projectId }), api.exports.check({ projectId: frame.projectId })]);
  io.out(`${done} "${project.name}"`);
  if (problems.length > 0) {
    io.out(`${formatCount(problems.length, 'frame')} to generate (not yet, or out of date): onestory generate --project ${shellArg(project.name)} --stale`);
  }
}

function seconds(value: string): number {
  return decimal(0.001, 600)(value);
}

function toMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.max(1, Math.round(seconds * 1000));
}
