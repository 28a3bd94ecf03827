// `onestory models …`: the model library — list, import a folder, download from the Hugging Face Hub, remove,
// choose the default. Results go to stdout, progress to stderr.
import type { Command } from 'commander';
import { ApiError, type ApiClient } from '../../../../src-shared/contract/index.ts';
import { follow, type Subscribe } from '../follow.ts';
import { givenToken, TOKEN_ENV, withTokenPrompt } from '../hub-token.ts';
import { PROVIDER_CHOICES, type Download } from '../../../../src-shared/domain/index.ts';
import { optimizationLines, speedHeadline } from '../../../../src-shared/format/model-speed.ts';
import { formatDuration, formatTable, type CliIO } from '../output.ts';
import { formatBytes, formatCount } from '../../../../src-shared/format/quantities.ts';

type ClientFactory = () => ApiClient;

export function registerModelCommands(program: Command, client: ClientFactory, subscribe: () => Subscribe, io: CliIO): void {
  const models = program.command('models').description('the model library: list, import, download, optimise and time, remove, choose the default');

  models
    .command('list')
    .description('list the models in the library')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await client().models.list({});
      if (opts.json) return io.out(JSON.stringify(list, null, 2));
      if (list.length === 0) return io.out('No models yet. Import a folder (onestory models import DIR) or download one (onestory models download REPO).');
      io.out(
        formatTable(
          ['ID', 'NAME', 'FAMILY', 'SOURCE', 'SIZE', 'SPEED', 'NOTE'],
          list.map((m) => [
            m.id,
            m.name,
            m.family,
            m.source,
            formatBytes(m.sizeBytes),
            m.speeds.map(speedHeadline).join('; ') || 'not measured (onestory models optimize)',
            [m.isDefault ? 'default' : '', m.available ? '' : `missing: ${m.path}`].filter(Boolean).join(', '),
          ]),
        ),
      );
    });

  models
    .command('catalogue')
    .description('known ONNX exports on the Hugging Face Hub (download one with: onestory models download REPO)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const entries = await client().models.catalogue({});
      if (opts.json) return io.out(JSON.stringify(entries, null, 2));
      io.out(formatTable(['REPOSITORY', 'NAME', 'SIZE', 'LICENCE'], entries.map((e) => [e.repo, e.name, `~${formatBytes(e.sizeBytes)}`, e.licence])));
    });

  models
    .command('import')
    .description('validate a model folder (diffusers/optimum ONNX layout) and copy it into the library')
    .argument('<dir>', 'the model folder')
    .option('--register', 'use the folder where it is instead of copying it')
    .option('--name <name>', 'the name in the library (default: the folder name)')
    .option('--json', 'print JSON')
    .action(async (dir: string, opts: { register?: boolean; name?: string; json?: boolean }) => {
      const progress = new PercentLine(io);
      const unsubscribe = subscribe()((m) => {
        if (m.event === 'model.importProgress') progress.show(m.payload.copiedBytes, m.payload.totalBytes, 'copying');
      });
      try {
        const model = await client().models.import({ path: dir, mode: opts.register ? 'register' : 'copy', name: opts.name });
        io.out(opts.json ? JSON.stringify(model, null, 2) : `${opts.register ? 'Registered' : 'Imported'} "${model.name}" (${model.id}, ${model.family}) at ${model.path}`);
        for (const warning of model.warnings) io.err(`warning: ${warning}`);
      } finally {
        unsubscribe();
      }
    });

  models
    .command('download')
    .description('download a model from the Hugging Face Hub (again to resume an unfinished one; Ctrl-C pauses)')
    .argument('<repo>', 'repository id, e.g. stabilityai/sdxl-turbo')
    .option('--revision <revision>', 'branch, tag or commit (default: main)')
    .option('--files <paths...>', 'only these files (default: the components the pipeline reads)')
    .option('--token-file <file>', 'read the Hugging Face access token (for gated or private repositories) from this file')
    .option('--token <token>', 'the token itself (visible to other users in ps and kept in shell history: prefer --token-file)')
    .option('--name <name>', 'the name in the library (default: the repository name)')
    .option('--json', 'print the finished download as JSON')
    .addHelpText(
      'after',
      `\nThe token comes from --token-file or --token, else from $${TOKEN_ENV}. Without any, when the Hub answers that the\nrepository needs a token and this is a terminal, the command asks for it without showing what you type.`,
    )
    .action(async (repo: string, opts: { revision?: string; files?: string[]; token?: string; tokenFile?: string; name?: string; json?: boolean }) => {
      const api = client();
      const given = await givenToken(opts, process.env, io);
      const selection = { repo, revision: opts.revision, files: opts.files };
      const [plan, token] = await withTokenPrompt(given, io, (token) => api.models.downloadPlan({ ...selection, token }));
      const resuming = plan.neededBytes < plan.totalBytes ? `, ${formatBytes(plan.neededBytes)} still to fetch` : '';
      io.err(`${repo}@${plan.revision}: ${formatCount(plan.files.length, 'file')}, ${formatBytes(plan.totalBytes)}${resuming}; ${formatBytes(plan.freeBytes)} free in ${plan.modelsDir}`);
      const download = await followDownload(api, subscribe(), io, () => api.models.download({ ...selection, token, name: opts.name }));
      if (download.status !== 'done') throw new ApiError('unavailable', download.error ?? `The download was ${download.status}; run the same command again to continue it.`);
      const model = (await api.models.list({})).find((m) => m.id === download.modelId);
      io.out(opts.json ? JSON.stringify(download, null, 2) : `Downloaded ${repo} as "${model?.name}" (${download.modelId}) at ${model?.path}`);
    });

  models
    .command('remove')
    .description('remove a model from the library (its folder stays unless --delete-files)')
    .argument('<model>', 'model id or name')
    .option('--delete-files', 'also delete its folder (only folders the library made: imported or downloaded)')
    .action(async (idOrName: string, opts: { deleteFiles?: boolean }) => {
      const api = client();
      const model = await resolveModel(api, idOrName);
      const { filesDeleted } = await api.models.remove({ id: model.id, deleteFiles: opts.deleteFiles });
      io.out(`Removed "${model.name}" from the library${filesDeleted ? ` and deleted ${model.path}` : `; its folder ${model.path} is still there`}`);
    });

  models
    .command('optimize')
    .description("make the model's copy for a GPU provider (float16, fused attention where accurate) and time a few steps on this machine")
    .argument('<model>', 'model id or name')
    .option('--provider <provider>', `the provider to optimise for and time (${PROVIDER_CHOICES.join(', ')}; default: the one chosen in the settings)`)
    .option('--json', 'print the result as JSON')
    .action(async (idOrName: string, opts: { provider?: string; json?: boolean }) => {
      const provider = PROVIDER_CHOICES.find((p) => p === opts.provider);
      if (opts.provider !== undefined && !provider) throw new ApiError('invalid_input', `--provider must be one of ${PROVIDER_CHOICES.join(', ')}`);
      const api = client();
      const model = await resolveModel(api, idOrName);
      const speed = await withOptimizeProgress(api, subscribe(), io, model.id, () => api.models.optimize({ id: model.id, provider }));
      if (opts.json) return io.out(JSON.stringify(speed, null, 2));
      io.out([`"${model.name}": ${speedHeadline(speed)}`, ...optimizationLines(speed).map((line) => `  ${line}`)].join('\n'));
      for (const warning of speed.warnings) io.err(`warning: ${warning}`);
    });

  models
    .command('default')
    .description('choose the model new stories start with')
    .argument('<model>', 'model id or name')
    .action(async (idOrName: string) => {
      const api = client();
      const model = await resolveModel(api, idOrName);
      await api.models.setDefault({ id: model.id });
      io.out(`New stories start with "${model.name}"`);
    });
}

/** Reports a models.optimize run on stderr while it runs; Ctrl-C cancels it (a second one ends the process as usual). */
async function withOptimizeProgress<T>(api: ApiClient, subscribe: Subscribe, io: CliIO, modelId: string, run: () => Promise<T>): Promise<T> {
  const unsubscribe = subscribe((m) => {
    if (m.event !== 'model.optimizeProgress' || m.payload.modelId !== modelId) return;
    const { stage, step, totalSteps } = m.payload;
    io.err(stage === 'preparing' ? 'Making or loading the optimised copy…' : `Timed step ${step} of ${totalSteps}`);
  });
  const interrupt = () => {
    io.err('Cancelling…');
    api.models.cancelOptimize({ id: modelId }).catch(() => {});
  };
  process.once('SIGINT', interrupt);
  try {
    return await run();
  } finally {
    process.off('SIGINT', interrupt);
    unsubscribe();
  }
}

/** Starts (or resumes) a download and reports it on stderr until it stops; Ctrl-C pauses it. */
function followDownload(api: ApiClient, subscribe: Subscribe, io: CliIO, start: () => Promise<Download>): Promise<Download> {
  const progress = new PercentLine(io);
  return follow({
    subscribe,
    updateOf: (m) => (m.event === 'download.updated' ? m.payload : undefined),
    start,
    onUpdate(download) {
      const file = download.files.find((f) => f.status === 'downloading' || f.status === 'verifying');
      const speed = download.bytesPerSecond ? ` · ${formatBytes(download.bytesPerSecond)}/s` : '';
      const eta = download.etaSeconds !== null ? ` · ${formatDuration(download.etaSeconds)} left` : '';
      progress.show(download.receivedBytes, download.totalBytes, `${file ? `${file.status} ${file.path}` : download.status}${speed}${eta}`);
    },
    ended: (download) => download.status !== 'downloading' && download.status !== 'verifying',
    onInterrupt(id) {
      io.err('Pausing; run the same command again to continue.');
      api.downloads.pause({ id }).catch(() => {});
    },
  });
}

async function resolveModel(api: ApiClient, idOrName: string) {
  const list = await api.models.list({});
  const byId = list.find((m) => m.id === idOrName);
  if (byId) return byId;
  const matches = list.filter((m) => m.name.toLowerCase() === idOrName.trim().toLowerCase());
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new ApiError('not_found', `No model named "${idOrName}". See: onestory models list`);
  throw new ApiError('conflict', `${matches.length} models are named "${idOrName}"; use an id instead: ${matches.map((m) => m.id).join(', ')}`);
}

/** One stderr line per whole percent (or change of what is happening), so a long transfer does not flood the terminal. */
class PercentLine {
  readonly #io: CliIO;
  #last = '';

  constructor(io: CliIO) {
    this.#io = io;
  }

  show(done: number, total: number, what: string): void {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    const key = `${percent}|${what.split(' · ')[0]}`;
    if (key === this.#last) return;
    this.#last = key;
    this.#io.err(`[${String(percent).padStart(3)}%] ${formatBytes(done)} of ${formatBytes(total)} · ${what}`);
  }
}
