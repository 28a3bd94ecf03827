import { PROMPT_TEXT_MAX } from '../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../state/context.ts';
import { FrameList } from './FrameList.tsx';
import { LoadFailed } from './LoadFailed.tsx';
import { NameField } from './NameField.tsx';
import { TextField } from './TextField.tsx';
import { card, link } from './ui.ts';

export function ProjectPage() {
  const project = useApp((s) => s.story?.project);
  const loadState = useApp((s) => s.loadState);
  const { renameProject, editStory } = useActions();

  if (!project) {
    return loadState === 'failed' ? <LoadFailed what="This project" /> : <p className="py-16 text-center text-sm text-stone-500">Loading…</p>;
  }

  return (
    <article className="grid gap-8">
      <div className="grid gap-2">
        <a href="#/" className={`${link} w-fit text-sm`}>
          ← All projects
        </a>
        <NameField
          key={project.name}
          name={project.name}
          label="Project name"
          onRename={(name) => renameProject(project.id, name)}
          className="-mx-2 w-full rounded-lg bg-transparent px-2 py-1 text-2xl font-semibold tracking-tight hover:bg-stone-100 focus:bg-white focus:ring-2 focus:ring-teal-600/30 focus:outline-none dark:hover:bg-stone-900 dark:focus:bg-stone-900"
        />
      </div>

      <section aria-label="Story" className={`${card} grid gap-5 p-5`}>
        <TextField
          label="Identity prompt"
          hint="Who or what stays the same in every frame, e.g. “a watercolor illustration of a red fox”."
          rows={2}
          maxLength={PROMPT_TEXT_MAX}
          value={project.identityPrompt}
          onChange={(identityPrompt) => editStory({ identityPrompt })}
        />
        <TextField
          label="Negative prompt"
          hint="What no frame should show."
          rows={2}
          maxLength={PROMPT_TEXT_MAX}
          value={project.negativePrompt}
          onChange={(negativePrompt) => editStory({ negativePrompt })}
        />
      </section>

      <FrameList />
    </article>
  );
}
