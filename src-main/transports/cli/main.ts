// The `onestory` command: the same contract and service as the app, called in-process.
import { Command, CommanderError } from 'commander';
import { ApiError, createClient, type AnyEventMessage, type ApiClient } from '../../../src-shared/contract/index.ts';
import { openBackend, type Backend } from '../../app/backend.ts';
import { resolveDbPath, resolveHubUrl, resolveModelsDir } from '../../config/paths.ts';
import { registerBenchCommand } from './commands/bench.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerFrameCommands } from './commands/frames.ts';
import { registerGenerateCommand } from './commands/generate.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerModelCommands } from './commands/models.ts';
import { registerProjectCommands } from './commands/projects.ts';
import { CliExit, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.ts';
import type { Subscribe } from './follow.ts';
import { processIO, type CliIO } from './output.ts';
import { packageVersion } from './version.ts';

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  let backend: Backend | undefined;
  const program = new Command('onestory')
    .description('Onestory: consistent-character storyboards from one prompt, offline')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--db <path>', 'library database file (env ONESTORY_DB)')
    .option('--data-dir <dir>', 'data folder (env ONESTORY_DATA_DIR)')
    .option('--models-dir <dir>', 'where imported and downloaded models go (env ONESTORY_MODELS_DIR; default: models/ beside the library)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  const open = (): Backend => {
    const opts = program.opts<{ db?: string; dataDir?: string; modelsDir?: string }>();
    const paths = { dbPath: opts.db, dataDir: opts.dataDir, modelsDir: opts.modelsDir };
    return (backend ??= openBackend({ dbPath: resolveDbPath(paths), modelsDir: resolveModelsDir(paths), hubUrl: resolveHubUrl() }));
  };
  const client = (): ApiClient => {
    const dispatch = open().dispatch;
    return createClient((method, input) => dispatch(method, input));
  };
  registerProjectCommands(program, client, io);
  const subscribe = (): Subscribe => (listener) => open().events.subscribe((m) => listener(m as AnyEventMessage));
  registerFrameCommands(program, client, io);
  registerModelCommands(program, client, subscribe, io);
  registerGenerateCommand(program, client, subscribe, io);
  // Files are not part of the API contract: export and import work on the library directly.
  registerExportCommand(program, client, () => open().store, io);
  registerImportCommand(program, open, io);
  registerBenchCommand(program, io);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    return reportError(err, io);
  } finally {
    await backend?.close();
  }
}

function reportError(err: unknown, io: CliIO): number {
  if (err instanceof CommanderError) {
    // Help and version are "errors" to commander but successes to the user.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT_OK;
    return EXIT_USAGE;
  }
  if (err instanceof CliExit) {
    io.err(`onestory: ${err.message}`);
    return err.code;
  }
  if (err instanceof ApiError) {
    io.err(`onestory: ${err.message}`);
    return err.code === 'invalid_input' ? EXIT_USAGE : EXIT_FAILURE;
  }
  io.err(`onestory: ${err instanceof Error ? err.message : String(err)}`);
  return EXIT_FAILURE;
}
