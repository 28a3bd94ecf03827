// `onestory export`: a story as a PDF storyboard, an animated GIF, a ZIP of frames, a strip or a project file.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ApiClient } from '../../../../src-shared/contract/index.ts';
import {
  EXPORT_FORMATS,
  describeProblems,
  ExportError,
  exportStory,
  GIF_WIDTH,
  ORIENTATIONS,
  PAPERS,
  PDF_LAYOUTS,
  type ExportFormat,
  type ExportRequest,
  type Orientation,
  type Paper,
  type PdfLayout,
} from '../../../export/index.ts';
import type { Store } from '../../../store/index.ts';
import { shellArg, type CliIO } from '../output.ts';
import { resolveProjectId } from '../resolve-project.ts';
import { formatBytes } from '../../../../src-shared/format/quantities.ts';

interface ExportOptions {
  project: string;
  format: ExportFormat;
  out: string;
  layout?: PdfLayout;
  paper?: Paper;
  orientation?: Orientation;
  titlePage?: boolean;
  prompt: boolean;
  notes?: boolean;
  durations?: boolean;
  sceneBreaks: boolean;
  width?: number;
  loop: boolean;
  placeholders?: boolean;
}

/** Options that only mean something for one format; given with another, they are a mistake worth saying. */
const FORMAT_OPTIONS: Record<string, { format: ExportFormat; flag: string }> = {
  layout: { format: 'pdf', flag: '--layout' },
  paper: { format: 'pdf', flag: '--paper' },
  orientation: { format: 'pdf', flag: '--orientation' },
  titlePage: { format: 'pdf', flag: '--title-page' },
  prompt: { format: 'pdf', flag: '--no-prompt' },
  notes: { format: 'pdf', flag: '--notes' },
  durations: { format: 'pdf', flag: '--durations' },
  sceneBreaks: { format: 'pdf', flag: '--no-scene-breaks' },
  width: { format: 'gif', flag: '--width' },
  loop: { format: 'gif', flag: '--no-loop' },
};

export function registerExportCommand(program: Command, client: () => ApiClient, store: () => Store, io: CliIO): void {
  program
    .command('export')
    .description('export a story: PDF storyboard, animated GIF, ZIP of frames + story.json, story strip PNG, or .onestory project file')
    .requiredOption('--project <id|name>', 'the project')
    .addOption(new Option('--format <format>', 'what to write').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write (replaced whole, or left untouched on failure)')
    .option('--layout <n>', `pdf: frames per page, or a worksheet with boxes and lines for notes: ${PDF_LAYOUTS.join(', ')} (default 6)`, pdfLayout)
    .addOption(new Option('--paper <size>', 'pdf: paper size (default a4)').choices(PAPERS))
    .addOption(new Option('--orientation <o>', 'pdf: page orientation (default landscape)').choices(ORIENTATIONS))
    .option('--title-page', 'pdf: start with a page of the identity prompt, model and settings')
    .option('--no-prompt', "pdf: leave out each frame's prompt")
    .option('--notes', "pdf: include each frame's notes")
    .option('--durations', "pdf: show each frame's duration")
    .option('--no-scene-breaks', "pdf: let scenes run on instead of starting each on a new page (each heading above its first shot)")
    .option('--width <px>', `gif: width in pixels (default ${GIF_WIDTH.default})`, gifWidth)
    .option('--no-loop', 'gif: play once instead of looping')
    .option('--placeholders', 'export frames that are not generated or out of date as marked placeholders instead of failing')
    .action(async (opts: ExportOptions, command: Command) => {
      for (const [key, { format, flag }] of Object.entries(FORMAT_OPTIONS)) {
        if (command.getOptionValueSource(key) === 'cli' && opts.format !== format) command.error(`error: ${flag} applies to --format ${format} only`);
      }
      const api = client();
      const projectId = await resolveProjectId(api, opts.project);
      if (!opts.placeholders && opts.format !== 'project') await refuseProblems(api, projectId);
      const result = await exportStory(store(), projectId, request(opts), opts.out);
      for (const problem of result.problems) {
        io.err(`warning: frame ${problem.position + 1} is ${problem.kind === 'missing' ? 'not generated' : 'out of date'}; exported as a placeholder`);
      }
      for (const warning of result.warnings) io.err(`warning: ${warning}`);
      io.out(`Wrote ${result.path} (${formatBytes(result.bytes)})`);
    });
}

/** Frames not generated or out of date stop the export, with the commands that deal with them. */
async function refuseProblems(api: ApiClient, projectId: string): Promise<void> {
  const { problems } = await api.exports.check({ projectId });
  if (problems.length === 0) return;
  const { project } = await api.projects.get({ id: projectId });
  const name = shellArg(project.name);
  const keep = problems.find((p) => p.kind === 'stale');
  const advice = [
    `Generate them: onestory generate --project ${name} --stale`,
    ...(keep ? [`or keep one as it is: onestory frames update ${name} ${keep.position + 1} --keep`] : []),
    'or add --placeholders to export them as marked placeholders.',
  ].join('\n');
  throw new ExportError('problems', describeProblems(problems, advice));
}

function request(opts: ExportOptions): ExportRequest {
  const onProblems = opts.placeholders ? 'placeholder' : 'fail';
  switch (opts.format) {
    case 'pdf':
      return {
        format: 'pdf',
        onProblems,
        pdf: {
          layout: opts.layout,
          paper: opts.paper,
          orientation: opts.orientation,
          titlePage: opts.titlePage ?? false,
          prompts: opts.prompt,
          notes: opts.notes ?? false,
          durations: opts.durations ?? false,
          sceneBreaks: opts.sceneBreaks,
        },
      };
    case 'gif':
      return { format: 'gif', onProblems, gif: { width: opts.width, loop: opts.loop } };
    case 'zip':
    case 'strip':
      return { format: opts.format, onProblems };
    case 'project':
      return { format: 'project' };
  }
}

function pdfLayout(value: string): PdfLayout {
  const layout = PDF_LAYOUTS.find((choice) => String(choice) === value.trim());
  if (layout === undefined) throw new InvalidArgumentError(`expected one of ${PDF_LAYOUTS.join(', ')}`);
  return layout;
}

function gifWidth(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < GIF_WIDTH.min || n > GIF_WIDTH.max) {
    throw new InvalidArgumentError(`expected a whole number of pixels from ${GIF_WIDTH.min} to ${GIF_WIDTH.max}`);
  }
  return n;
}

