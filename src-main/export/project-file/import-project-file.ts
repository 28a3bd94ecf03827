import { z } from 'zod';
import type Database from 'better-sqlite3';
import { PROJECT_NAME_MAX } from '../../../src-shared/domain/index.ts';
import type { Store } from '../../store/index.ts';
import { ExportError } from '../errors.ts';
import { checkRenders } from './check-renders.ts';
import { copyProject, type CopiedProject, type ProjectRepos } from './copy-project.ts';
import { firstIssue } from './describe.ts';
import { openProjectFile } from './format.ts';
import { createSettingsRepo } from '../../store/settings-repo.ts';

export interface ImportedProject extends CopiedProject {
  /** false when some id already existed in the library (e.g. the file was imported before), so all are new */
  idsKept: boolean;
  /** the model the story was made with, when this library does not have it */
  missingModel: { name: string; family: string } | null;
}

/**
 * Adds the project in a .onestory file to the library, in one transaction. The project, its frames and renders
 * keep their ids unless any of them is already in the library, in which case all get new ones: importing a file
 * twice gives two projects. A name already taken (ignoring case) becomes "Name (imported)", "Name (imported 2)", ….
 * The file is read from a private copy in a folder of its own under staging (a folder of this process's).
 */
export async function importProjectFile(store: Store, path: string, staging: string): Promise<ImportedProject> {
  const file = await openProjectFile(path, staging);
  try {
    const projectIds = file.db.prepare<[], string>('SELECT id FROM projects').pluck().all();
    if (projectIds.length !== 1) {
      throw new ExportError('invalid_project_file', `${path} is damaged: it holds ${projectIds.length} projects instead of one`);
    }
    const [projectId] = projectIds;
    try {
      await checkRenders(file.db, file.repos, projectId);
    } catch (error) {
      throw new ExportError('invalid_project_file', `${path} is damaged: ${(error as Error).message}`, { cause: error });
    }
    return store.write(() => {
      try {
        const source = file.repos.projects.get(projectId)!;
        const idsKept = !anyIdTaken(store, file.repos, projectId);
        const copied = copyProject(file.repos, store, projectId, { name: freeName(store, source.name), newIds: !idsKept });
        return { ...copied, idsKept, missingModel: missingModel(store, file.db, source.modelId) };
      } catch (error) {
        // The library's own failures (a full disk, a lock) are not the file's fault.
        if (String((error as { code?: unknown }).code).startsWith('SQLITE_')) throw error;
        throw new ExportError('invalid_project_file', `${path} is damaged: ${damage(error)}`, { cause: error });
      }
    });
  } finally {
    await file.close();
  }
}

/** The first thing wrong, in a line: schema errors name the field. */
function damage(error: unknown): string {
  return error instanceof z.ZodError ? firstIssue(error) : (error as Error).message;
}

function anyIdTaken(store: Store, file: ProjectRepos, projectId: string): boolean {
  if (store.projects.get(projectId)) return true;
  return file.frames
    .listByProject(projectId)
    .some((frame) => store.frames.get(frame.id) !== undefined || file.renders.listByFrame(frame.id).some((r) => store.renders.get(r.id) !== undefined));
}

function freeName(store: Store, name: string): string {
  const taken = new Set(store.projects.list().map((p) => p.name.toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`;
    const candidate = name.slice(0, PROJECT_NAME_MAX - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Files written before the model was recorded, or without a model, name none. */
function missingModel(store: Store, file: Database.Database, modelId: string | null): ImportedProject['missingModel'] {
  const made = createSettingsRepo(file).get('projectModel');
  if (!made || made.id !== modelId || store.models.get(made.id)) return null;
  return { name: made.name, family: made.family };
}
