import { useEffect, useState } from 'react';
import type { PdfPreview } from '../../../src-shared/domain/pdf-preview.ts';
import { useActions, useApp } from '../state/context.ts';
import { messageOf } from '../state/library.ts';
import type { PdfChoices } from './export-choices.ts';

/** Time to let a burst of choices or edits settle before the layout is asked for again. */
const SETTLE_MS = 120;

export interface PdfPreviewState {
  /** the latest layout; the previous one stays shown while a new one is made */
  preview: PdfPreview | null;
  /** the choices it was laid out for (its paper, orientation and title page), so it is drawn on its own page */
  madeFor: PdfChoices | null;
  failed: string | null;
}

/**
 * The PDF engine's layout of the story with these choices (exports.pdfPreview), asked again whenever the choices or
 * the story change while the dialog is open.
 */
export function usePdfPreview(choices: PdfChoices): PdfPreviewState {
  const { previewPdf } = useActions();
  const story = useApp((s) => s.story);
  const storyState = useApp((s) => s.storyState);
  const [state, setState] = useState<PdfPreviewState>({ preview: null, madeFor: null, failed: null });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      previewPdf(choices).then(
        (preview) => current && setState({ preview, madeFor: choices, failed: null }),
        (err: unknown) => current && setState((s) => ({ ...s, failed: messageOf(err) })),
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [choices, story, storyState, previewPdf]);
  return state;
}
