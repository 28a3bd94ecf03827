import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { frameCountLabel } from '../../format.ts';
import { useActions, useApp } from '../../state/context.ts';
import { BADGE_TONES } from '../Badge.tsx';
import { button, hint } from '../ui.ts';
import { MEANINGS, identityBasis, similarity, storyLines } from './consistency-text.ts';

/** The story's consistency in the toolbar: its identity score (details on click), scoring progress, and picking the most consistent variants. */
export function StoryConsistency() {
  const scores = useApp((s) => s.storyScores);
  const frames = useApp((s) => s.story?.frames);
  const numbers = useMemo(() => Object.fromEntries((frames ?? []).map((f) => [f.id, f.position + 1])), [frames]);
  const { computeScores, cancelScores, pickMostConsistent } = useActions();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  if (!scores || (scores.frames.length === 0 && scores.unscored === 0)) return null;
  if (scores.status.noModels) {
    return <span className={hint}>Add a CLIP scoring model (Models page) to measure consistency.</span>;
  }
  const { status } = scores;
  const scoring = status.state !== 'idle';
  const drifting = scores.frames.find((f) => f.drifting);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
  };
  return (
    <div className="relative flex flex-wrap items-center gap-2" onKeyDown={closeOnEscape}>
      {scores.clipI !== null && (
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          aria-label={`Story consistency ${similarity(scores.clipI)} (CLIP-I)${drifting ? `; frame ${numbers[drifting.frameId]} drifts` : ''}. Show the scores`}
          title={storyLines(scores).join(' · ')}
          data-testid="story-consistency"
          onClick={() => setOpen(!open)}
          className={`rounded-full px-2.5 py-1 text-xs font-medium tabular-nums ${BADGE_TONES[drifting ? 'warning' : 'good']}`}
        >
          Consistency {similarity(scores.clipI)}
        </button>
      )}
      {scoring ? (
        <span className={`${hint} tabular-nums`} role="status">
          {status.state === 'waiting' ? 'Scoring waits for generation' : `Scoring ${status.scored}/${status.total}`}
          <button type="button" className={`${button.small} ml-1`} onClick={() => void cancelScores()}>
            Stop scoring
          </button>
        </span>
      ) : (
        scores.unscored > 0 && (
          <button type="button" className={button.small} title="Score the frames’ renders not yet scored with the library’s scoring models (made before one was added, or before a background remover joined)" onClick={() => void computeScores()}>
            Score {frameCountLabel(scores.unscored)} not scored yet
          </button>
        )
      )}
      {scores.frames.length > 1 && (
        <button type="button" className={button.small} title="For each frame, show its variant most like the other frames (undo restores the previous choices)" onClick={() => void pickMostConsistent()}>
          Pick the most consistent variants
        </button>
      )}
      {status.error && <span className="text-xs text-red-700 dark:text-red-400">{status.error}</span>}
      {open && (
        <div id={panelId} role="region" aria-label="Consistency scores" className="absolute top-full left-0 z-20 mt-1 grid w-80 gap-1.5 rounded-lg border border-stone-200 bg-white p-3 text-xs shadow-lg dark:border-stone-700 dark:bg-stone-900">
          <ul className="grid gap-0.5 font-medium tabular-nums">
            {storyLines(scores).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className={hint}>{MEANINGS.clipI}</p>
          <p className={hint}>{identityBasis(scores.segmentationModel)}</p>
          {scores.dino !== null && <p className={hint}>{MEANINGS.dino}</p>}
          <p className={hint}>{MEANINGS.clipT}</p>
          {drifting && <p className="text-amber-800 dark:text-amber-300">Frame {numbers[drifting.frameId]} drifts: it is the least like the others.</p>}
          <p className={hint}>
            Scored with {scores.clipModel}
            {scores.dinoModel ? ` and ${scores.dinoModel}` : ''}.{scores.unscored > 0 ? ` ${frameCountLabel(scores.unscored)} not scored yet.` : ''}
          </p>
        </div>
      )}
    </div>
  );
}
