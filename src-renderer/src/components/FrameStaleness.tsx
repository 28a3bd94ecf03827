import { useId, useState } from 'react';
import type { Frame } from '../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../state/context.ts';
import { button } from './ui.ts';

const NO_REASONS: string[] = [];

/**
 * Why the frame's picture is no longer what generating it now would make, on the card itself: the first reason,
 * the others on request. The user may keep the picture as it is ("kept despite: …"), or stop keeping it.
 */
export function FrameStaleness({ frame }: { frame: Frame }) {
  const reasons = useApp((s) => s.framePlans[frame.id]?.staleReasons ?? NO_REASONS);
  const { keepFrame } = useActions();
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  if (frame.currentRenderId === null || (reasons.length === 0 && !frame.kept)) return null;

  const number = frame.position + 1;
  const more = reasons.length - 1;
  const tone = frame.kept ? 'text-stone-600 dark:text-stone-300' : 'text-amber-800 dark:text-amber-200';
  return (
    <div data-testid="stale-reasons" className={`mx-3 mt-2 grid gap-1 text-xs ${tone}`}>
      <div className="flex items-start gap-1.5">
        <p className="min-w-0 flex-1">
          {frame.kept ? (reasons.length > 0 ? 'Kept despite: ' : 'Kept as it is') : 'Out of date: '}
          {reasons[0]}
          {more > 0 && (
            <>
              {' '}
              <button
                type="button"
                className="rounded font-medium underline decoration-dotted underline-offset-2 hover:no-underline"
                aria-expanded={expanded}
                aria-controls={listId}
                onClick={() => setExpanded(!expanded)}
              >
                {expanded ? 'fewer' : `+${more} more`}
              </button>
            </>
          )}
        </p>
        <button
          type="button"
          className={button.small}
          aria-label={frame.kept ? `Stop keeping frame ${number}` : `Keep frame ${number} as it is`}
          title={frame.kept ? 'Let "Regenerate stale" and exports treat it as out of date again' : 'Keep this picture: "Regenerate stale" and "Generate all" leave it, exports show it as it is'}
          onClick={() => keepFrame(frame.id, !frame.kept)}
        >
          {frame.kept ? 'Unkeep' : 'Keep'}
        </button>
      </div>
      <ul id={listId} hidden={!expanded} className="list-disc pl-4">
        {reasons.slice(1).map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}
