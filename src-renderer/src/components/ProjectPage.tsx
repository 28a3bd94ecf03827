import { useActions, useApp } from '../state/context.ts';
import { Inspector } from './board/Inspector.tsx';
import { FrameList } from './FrameList.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { FrameViewer } from './viewer/FrameViewer.tsx';
import { LoadFailed } from './LoadFailed.tsx';
import { ModelGuide } from './models/ModelGuide.tsx';
import { NameField } from './NameField.tsx';
import { AnimaticPlayer } from './player/AnimaticPlayer.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { StoryPanel } from './StoryPanel.tsx';
import { StoryTimeline } from './timeline/StoryTimeline.tsx';
import { Toolbar } from './Toolbar.tsx';
import { link } from './ui.ts';
import { useShortcuts } from './use-shortcuts.ts';

export function ProjectPage() {
  const projectId = useApp((s) => s.story?.project.id);
  const name = useApp((s) => s.story?.project.name ?? '');
  const loadState = useApp((s) => s.loadState);
  const { renameProject } = useActions();
  useShortcuts();

  if (!projectId) {
    return loadState === 'failed' ? <LoadFailed what="This project" /> : <p className="py-16 text-center text-sm text-stone-500">Loading…</p>;
  }

  return (
    <article className="grid gap-3">
      <div className="grid gap-1">
        <a href="#/" className={`${link} w-fit text-sm`}>
          ← All projects
        </a>
        {/* As wide as the name, not the row: a click beside it must not start editing. */}
        <NameField
          key={name}
          name={name}
          label="Project name"
          onRename={(next) => renameProject(projectId, next)}
          className="-mx-2 max-w-full min-w-[8ch] justify-self-start rounded-lg [field-sizing:content] bg-transparent px-2 py-1 text-2xl font-semibold tracking-tight hover:bg-stone-100 focus:bg-white focus:ring-2 focus:ring-teal-600/30 focus:outline-none dark:hover:bg-stone-900 dark:focus:bg-stone-900"
        />
      </div>
      <Toolbar />
      <ModelGuide where="story" />
      <div className="grid items-start gap-4 lg:grid-cols-[20rem_minmax(0,1fr)_20rem] 2xl:grid-cols-[22rem_minmax(0,1fr)_24rem]">
        {/* Stays beside the frames while a long story scrolls, scrolling on its own above the timeline when taller than the window. */}
        <div className="grid gap-4 lg:sticky lg:top-[calc(3.5rem+var(--toolbar-h,5rem))] lg:max-h-[calc(100vh-3.5rem-var(--toolbar-h,5rem)-var(--timeline-h,7rem))] lg:overflow-y-auto lg:overscroll-contain lg:pr-1 lg:pb-4">
          <StoryPanel />
          <SettingsPanel />
        </div>
        <FrameList />
        <div className="lg:sticky lg:top-[calc(3.5rem+var(--toolbar-h,5rem))] lg:max-h-[calc(100vh-3.5rem-var(--toolbar-h,5rem)-var(--timeline-h,7rem))] lg:overflow-y-auto lg:overscroll-contain lg:pb-4">
          <Inspector />
        </div>
      </div>
      <StoryTimeline />
      <FrameViewer />
      <AnimaticPlayer />
      <ExportDialog key={projectId} projectId={projectId} />
    </article>
  );
}
