import type { Store } from '../../store/index.ts';
import { createSettingsRepo } from '../../store/settings-repo.ts';
import { writeFileAtomically } from '../atomic-write.ts';
import { ExportError } from '../errors.ts';
import { copyProject, type CopiedProject } from './copy-project.ts';
import { createProjectFile, projectRepos } from './format.ts';

/** Writes one project with its frames and every render (all variants, not just the current ones) to path. */
export async function writeProjectFile(store: Store, projectId: string, path: string): Promise<CopiedProject> {
  const project = store.projects.get(projectId);
  if (!project) throw new ExportError('not_found', `Project ${projectId} not found`);
  let copied: CopiedProject | undefined;
  await writeFileAtomically(path, (temp) => {
    const db = createProjectFile(temp);
    try {
      const target = projectRepos(db);
      copied = db.transaction(() =>
        store.read(() => {
          const model = project.modelId === null ? undefined : store.models.get(project.modelId);
          if (model) createSettingsRepo(db).set('projectModel', { id: model.id, name: model.name, family: model.family });
          return copyProject(store, target, projectId, { name: project.name, newIds: false });
        }),
      )();
    } finally {
      db.close();
    }
  });
  return copied!;
}
