import { useState } from 'react';
import type { ProjectSummary } from '../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../state/context.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { CreateProjectForm } from './CreateProjectForm.tsx';
import { ImportIcon } from './icons.tsx';
import { LoadFailed } from './LoadFailed.tsx';
import { ModelGuide } from './models/ModelGuide.tsx';
import { ProjectRow } from './ProjectRow.tsx';
import { button } from './ui.ts';

export function ProjectListPage() {
  const projects = useApp((s) => s.projects);
  const loadState = useApp((s) => s.loadState);
  const { deleteProject, importProjectFile } = useActions();
  const [toDelete, setToDelete] = useState<ProjectSummary | null>(null);

  return (
    <section aria-labelledby="projects-heading">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="flex flex-wrap items-center gap-3">
          <h1 id="projects-heading" className="text-2xl font-semibold tracking-tight">
            Projects
          </h1>
          <button type="button" className={button.small} title="Add a project from a .onestory file exported by Onestory" onClick={() => void importProjectFile()}>
            <ImportIcon />
            Import project file…
          </button>
        </div>
        <CreateProjectForm />
      </div>

      <ModelGuide where="projects" className="mb-6" />

      {loadState === 'failed' && projects.length === 0 ? (
        <LoadFailed what="Your projects" />
      ) : loadState === 'loading' && projects.length === 0 ? (
        <p className="py-16 text-center text-sm text-stone-500">Loading…</p>
      ) : projects.length === 0 ? (
        <p className="rounded-xl border border-dashed border-stone-300 py-16 text-center text-sm text-stone-500 dark:border-stone-700 dark:text-stone-400">
          No projects yet. Name your first story above to begin.
        </p>
      ) : (
        <ul aria-label="Projects" className="grid gap-3">
          {projects.map((project) => (
            <ProjectRow key={project.id} project={project} onDelete={setToDelete} />
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={toDelete !== null}
        title={`Delete “${toDelete?.name ?? ''}”?`}
        message="Its frames and renders are deleted with it. This cannot be undone."
        confirmLabel="Delete project"
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          if (toDelete) void deleteProject(toDelete.id);
          setToDelete(null);
        }}
      />
    </section>
  );
}
