import type { Command } from 'commander';
import type { ApiClient } from '../../../../src-shared/contract/index.ts';
import { formatTable, formatTime, truncate, type CliIO } from '../output.ts';
import { resolveProjectId } from '../resolve-project.ts';

type ClientFactory = () => ApiClient;

export function registerProjectCommands(program: Command, client: ClientFactory, io: CliIO): void {
  const projects = program.command('projects').description('list, create and inspect projects');

  projects
    .command('list')
    .description('list all projects, most recently changed first')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await client().projects.list({});
      if (opts.json) return io.out(JSON.stringify(list, null, 2));
      if (list.length === 0) return io.out('No projects yet. Create one: onestory projects create "My story"');
      io.out(
        formatTable(
          ['ID', 'NAME', 'FRAMES', 'UPDATED'],
          list.map((p) => [p.id, truncate(p.name, 40), String(p.frameCount), formatTime(p.updatedAt)]),
        ),
      );
    });

  projects
    .command('create')
    .description('create a project')
    .argument('<name>', 'project name')
    .option('--identity <text>', 'identity prompt (the subject that stays the same)')
    .option('--negative <text>', 'negative prompt')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { identity?: string; negative?: string; json?: boolean }) => {
      const project = await client().projects.create({
        name,
        identityPrompt: opts.identity,
        negativePrompt: opts.negative,
      });
      io.out(opts.json ? JSON.stringify(project, null, 2) : `Created project "${project.name}" (${project.id})`);
    });

  projects
    .command('show')
    .description('show a project and its frames')
    .argument('<project>', 'project id or name')
    .option('--json', 'print JSON')
    .action(async (idOrName: string, opts: { json?: boolean }) => {
      const api = client();
      const { project, frames } = await api.projects.get({ id: await resolveProjectId(api, idOrName) });
      if (opts.json) return io.out(JSON.stringify({ project, frames }, null, 2));
      const s = project.settings;
      io.out(
        [
          `${project.name}  (${project.id})`,
          `Identity:  ${project.identityPrompt || '—'}`,
          `Negative:  ${project.negativePrompt || '—'}`,
          `Model:     ${project.modelId ?? 'not chosen'}`,
          `Settings:  seed ${s.seed}, reweight ${s.reweight.mode}, IPCA ${s.ipca}, window ${s.windowLength}`,
          `Frames:    ${frames.length}`,
          ...frames.map((f) => `  ${String(f.position + 1).padStart(3)}. ${f.prompt}${f.caption ? `  — ${f.caption}` : ''}`),
        ].join('\n'),
      );
    });
}
