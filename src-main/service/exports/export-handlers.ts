import { exportStory, importProjectFile, loadStorySnapshot, previewPdf, type PlanStory } from '../../export/index.ts';
import { planProjectStory } from '../../story/project-plan.ts';
import type { TokenizerCache } from '../../story/tokenizer-cache.ts';
import type { ServiceContext } from '../context.ts';
import type { Handlers } from '../handlers.ts';
import type { ProcessStaging } from '../files/staging.ts';
import type { ModelLibrary } from '../models/model-library.ts';
import { resolveStoryModel } from '../story/story-model.ts';
import { withApiErrors } from './api-errors.ts';
import type { ExportFiles } from './export-files.ts';
import { exportFileName } from './file-name.ts';

export interface ExportDeps {
  files: ExportFiles;
  staging: ProcessStaging;
  library: ModelLibrary;
  tokenizers: TokenizerCache;
}

export function exportHandlers(ctx: ServiceContext, deps: ExportDeps): Pick<Handlers, 'exports.check' | 'exports.pdfPreview' | 'exports.create' | 'exports.cancel' | 'exports.importProject'> {
  const { store, events } = ctx;
  /** exports being made, by id, so that they can be cancelled */
  const running = new Map<string, AbortController>();
  // The editor's own staleness rule (story.state), so the dialog reports exactly the frames the cards mark.
  const planStory: PlanStory = async (project, frames) => {
    const { tokenizer } = await resolveStoryModel(project.modelId, deps.library, deps.tokenizers);
    return tokenizer ? planProjectStory(project, frames, tokenizer) : null;
  };

  return {
    'exports.check': ({ projectId }) =>
      withApiErrors(async () => {
        const { frames, problems } = await loadStorySnapshot(store, projectId, { planStory });
        return { frameCount: frames.length, problems };
      }),

    'exports.pdfPreview': ({ projectId, pdf }) => withApiErrors(async () => previewPdf(await loadStorySnapshot(store, projectId, { planStory }), pdf ?? {})),

    'exports.create': ({ projectId, request }) =>
      withApiErrors(async () => {
        const fileName = exportFileName(ctx.requireProject(projectId).name, request.format);
        const { exportId, path } = await deps.files.reserve();
        const onProgress = (fraction: number) => events.emit('export.progress', { exportId, projectId, fraction });
        const cancel = new AbortController();
        running.set(exportId, cancel);
        onProgress(0);
        try {
          const { bytes, problems, warnings } = await exportStory(store, projectId, request, path, { planStory, onProgress, signal: cancel.signal });
          deps.files.add(exportId, { path, fileName });
          onProgress(1);
          return { exportId, fileName, bytes, problems, warnings };
        } catch (error) {
          await deps.files.discard(exportId);
          throw error;
        } finally {
          running.delete(exportId);
        }
      }),

    'exports.cancel': async ({ exportId }) => {
      const export_ = running.get(exportId);
      export_?.abort();
      return { cancelled: export_ !== undefined };
    },

    'exports.importProject': ({ path }) =>
      withApiErrors(async () => {
        const imported = await importProjectFile(store, path, await deps.staging.ensure());
        events.emit('projects.changed', {});
        return imported;
      }),
  };
}
