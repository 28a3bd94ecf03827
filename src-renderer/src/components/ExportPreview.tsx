import { frameCountLabel } from '../format.ts';
import { useApp } from '../state/context.ts';
import { selectFrames } from '../state/selectors.ts';
import type { ExportChoices } from './export-choices.ts';
import { ExportGifPreview } from './ExportGifPreview.tsx';
import { ExportPdfPreview } from './ExportPdfPreview.tsx';
import { ExportPicture, usePictureAspect } from './ExportPicture.tsx';
import { hint } from './ui.ts';

/** What the chosen format will look like, from the frames as they are now. */
export function ExportPreview({ choices }: { choices: ExportChoices }) {
  switch (choices.format) {
    case 'pdf':
      return <ExportPdfPreview choices={choices.pdf} />;
    case 'gif':
      return <ExportGifPreview choices={choices.gif} />;
    case 'strip':
    case 'zip':
      return <FramesPreview strip={choices.format === 'strip'} />;
    case 'project':
      return <ProjectPreview />;
  }
}

/** The strip's frames side by side, or the ZIP's pictures in a grid. */
function FramesPreview({ strip }: { strip: boolean }) {
  const frames = useApp(selectFrames);
  const aspect = usePictureAspect();
  if (frames.length === 0) return <p className={hint}>The story has no frames yet.</p>;
  return (
    <figure className="grid gap-2">
      <div className={strip ? 'flex overflow-x-auto shadow-md' : 'grid grid-cols-[repeat(auto-fill,minmax(6rem,1fr))] gap-2'}>
        {frames.map((frame) => (
          <ExportPicture key={frame.id} frame={frame} className={strip ? 'w-32 shrink-0' : 'w-full'} style={{ aspectRatio: aspect }} />
        ))}
      </div>
      <figcaption className={hint}>
        {strip ? `${frameCountLabel(frames.length)} in one picture, at full resolution.` : `${frameCountLabel(frames.length)} as numbered PNGs, and story.json.`}
      </figcaption>
    </figure>
  );
}

function ProjectPreview() {
  const frames = useApp(selectFrames);
  return <p className={hint}>{frameCountLabel(frames.length)} with their prompts, captions, notes, durations and every variant, and the story’s settings.</p>;
}
