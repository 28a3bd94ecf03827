// `onestory import`: adds the project in a .onestory file to the library.
import type { Command } from 'commander';
import { importProjectFile } from '../../../export/index.ts';
import type { Backend } from '../../../app/backend.ts';
import type { CliIO } from '../output.ts';
import { formatCount } from '../../../../src-shared/format/quantities.ts';

export function registerImportCommand(program: Command, backend: () => Backend, io: CliIO): void {
  program
    .command('import')
    .description('import a .onestory project file (made by onestory export --format project) into the library')
    .argument('<file>', 'the project file')
    .action(async (file: string) => {
      const { store, staging } = backend();
      const imported = await importProjectFile(store, file, await staging.ensure());
      const renamed = imported.idsKept ? '' : ' with new ids (it was in the library already)';
      io.out(`Imported "${imported.project.name}" (${imported.project.id})${renamed}: ${formatCount(imported.frames, 'frame')}, ${formatCount(imported.renders, 'render')}`);
      const model = imported.missingModel;
      if (model) io.err(`It was made with ${model.name} (${model.family}), which is not in this library: add it (onestory models import|download), or pick another model for the story.`);
    });
}
