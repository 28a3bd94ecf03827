import { useState } from 'react';
import type { Render } from '../../../../src-shared/domain/index.ts';
import { useActions } from '../../state/context.ts';
import { CopyIcon, ExportIcon } from '../icons.tsx';
import { button, hint } from '../ui.ts';

/** Copy seed, copy prompt and save as PNG, saying in a live region what happened. */
export function ImageActions({ render, fileName }: { render: Render; fileName: string }) {
  const { saveImage } = useActions();
  const [said, setSaid] = useState<{ text: string; failed?: boolean } | null>(null);

  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid({ text: `${what} copied.` });
    } catch {
      setSaid({ text: `Could not copy the ${what.toLowerCase()}: the system refused the clipboard. Select it under Details and copy it from there.`, failed: true });
    }
  };
  const save = async () => {
    try {
      if (await saveImage(render.id, fileName)) setSaid({ text: `Saved as ${fileName}.` });
    } catch (err) {
      setSaid({ text: `Could not save the image: ${err instanceof Error ? err.message : String(err)}`, failed: true });
    }
  };

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap gap-1">
        <button type="button" className={button.small} title={`Copy the seed ${render.params.seed}`} onClick={() => void copy('Seed', String(render.params.seed))}>
          <CopyIcon /> Copy seed
        </button>
        <button type="button" className={button.small} title="Copy the whole prompt this image was made from" onClick={() => void copy('Prompt', render.params.storyPrompt)}>
          <CopyIcon /> Copy prompt
        </button>
        <button type="button" className={button.small} title="Save this image as a PNG file, exactly as stored" onClick={() => void save()}>
          <ExportIcon /> Save image
        </button>
      </div>
      <p role="status" className={said?.failed ? 'text-xs text-red-700 dark:text-red-300' : hint}>
        {said?.text}
      </p>
    </div>
  );
}
