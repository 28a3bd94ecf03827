import { memo, useState } from 'react';
import type { ProjectSummary } from '../../../src-shared/domain/index.ts';
import { frameCountLabel, formatUpdated } from '../format.ts';
import { useActions, useApp } from '../state/context.ts';
import { routeHash } from '../state/route.ts';
import { CopyIcon, PencilIcon, TrashIcon } from './icons.tsx';
import { NameField } from './NameField.tsx';
import { button, card, input } from './ui.ts';

interface ProjectRowProps {
  project: ProjectSummary;
  onDelete(project: ProjectSummary): void;
}

export const ProjectRow = memo(function ProjectRow({ project, onDelete }: ProjectRowProps) {
  const { renameProject, duplicateProject } = useActions();
  const [renaming, setRenaming] = useState(false);

  return (
    <li aria-label={project.name} className={`${card} flex min-w-0 items-center gap-4 px-5 py-4`}>
      <div className="min-w-40 flex-1">
        {renaming ? (
          <NameField
            name={project.name}
            label="Project name"
            autoFocus
            className={`${input} font-medium`}
            onRename={(name) => renameProject(project.id, name)}
            onDone={() => setRenaming(false)}
          />
        ) : (
          <a
            href={routeHash({ page: 'project', id: project.id })}
            title={project.name}
            className="block truncate font-medium text-stone-900 hover:text-teal-700 dark:text-stone-100 dark:hover:text-teal-400"
          >
            {project.name}
          </a>
        )}
        <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">
          {frameCountLabel(project.frameCount)} · Updated {formatUpdated(project.updatedAt, Date.now())}
        </p>
      </div>
      <ThumbnailStrip project={project} />
      <div className="flex gap-1">
        <button type="button" className={button.icon} aria-label={`Rename ${project.name}`} title="Rename" onClick={() => setRenaming(true)}>
          <PencilIcon />
        </button>
        <button type="button" className={button.icon} aria-label={`Duplicate ${project.name}`} title="Duplicate" onClick={() => void duplicateProject(project.id)}>
          <CopyIcon />
        </button>
        <button type="button" className={button.icon} aria-label={`Delete ${project.name}`} title="Delete" onClick={() => onDelete(project)}>
          <TrashIcon />
        </button>
      </div>
    </li>
  );
});

/** The story at a glance: its first pictures, small, linking to it like its name. */
function ThumbnailStrip({ project }: { project: ProjectSummary }) {
  const imageUrl = useApp((s) => s.imageUrl);
  if (project.thumbnailRenderIds.length === 0) return null;
  return (
    <a href={routeHash({ page: 'project', id: project.id })} tabIndex={-1} aria-hidden="true" data-testid="thumbnail-strip" className="flex min-w-0 shrink gap-1 overflow-hidden">
      {project.thumbnailRenderIds.map((renderId) => (
        <img key={renderId} src={imageUrl(renderId, 'thumb')} alt="" loading="lazy" decoding="async" className="h-11 w-auto shrink-0 rounded border border-stone-200 bg-stone-100 object-cover dark:border-stone-800 dark:bg-stone-950" />
      ))}
    </a>
  );
}
