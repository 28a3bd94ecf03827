import { useEffect, useState } from 'react';
import type { ExportProblem } from '../../../src-shared/domain/export.ts';
import { messageOf } from '../state/library.ts';
import { useActions, useApp } from '../state/context.ts';

export type ExportCheck = { state: 'checking' } | { state: 'ready'; problems: ExportProblem[] } | { state: 'failed'; message: string };

/**
 * Which frames an export would show as placeholders, asked as soon as the dialog opens (for the formats that
 * have problems) and again whenever the story's state changes while it is open: a frame that finishes
 * generating meanwhile leaves the list.
 */
export function useExportCheck(enabled: boolean): ExportCheck {
  const { checkExport } = useActions();
  const storyState = useApp((s) => s.storyState);
  const [check, setCheck] = useState<ExportCheck>({ state: 'checking' });
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    checkExport().then(
      ({ problems }) => current && setCheck({ state: 'ready', problems }),
      (err: unknown) => current && setCheck({ state: 'failed', message: messageOf(err) }),
    );
    return () => {
      current = false;
    };
  }, [enabled, storyState, checkExport]);
  return enabled ? check : { state: 'ready', problems: [] };
}
