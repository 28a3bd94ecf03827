import { useEffect } from 'react';
import { shortcutFor, type ShortcutId } from '../keyboard/shortcuts.ts';
import { useAppStore } from '../state/context.ts';
import { selectGenerateBlocker } from '../state/selectors.ts';
import type { AppStore } from '../state/store.ts';
import { focusFramePrompt } from './frame-dom.ts';
import { SHORTCUTS_HELP_ID } from './ShortcutsHelp.tsx';

/** The project page's keyboard shortcuts, read from the store at the moment a key is pressed. */
export function useShortcuts(): void {
  const store = useAppStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      event.preventDefault();
      run(shortcut.id, store);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}

function run(id: ShortcutId, store: AppStore): void {
  const state = store.getState();
  const { actions } = state;
  const canGenerate = selectGenerateBlocker(state) === null;
  switch (id) {
    case 'undo':
      return void actions.undo();
    case 'redo':
      return void actions.redo();
    case 'generate':
      if (canGenerate) void actions.generate();
      return;
    case 'regenerateStale':
      if (canGenerate) void actions.regenerateStale();
      return;
    case 'cancel':
      return void actions.requestCancel();
    case 'addFrame':
      void actions.addFrame().then((frame) => frame && focusFramePrompt(frame.id));
      return;
    case 'export':
      actions.openExportDialog(true);
      return;
    case 'zoomIn':
      return actions.stepBoardZoom(1);
    case 'zoomOut':
      return actions.stepBoardZoom(-1);
    case 'zoomReset':
      return actions.stepBoardZoom(0);
    case 'play':
      // Not over the viewer or the export dialog: a plain letter is easily pressed there.
      if (state.story?.frames.length && !state.viewerFrameId && !state.exportDialogOpen) actions.openPlayer();
      return;
    case 'help':
      document.getElementById(SHORTCUTS_HELP_ID)?.togglePopover();
      return;
  }
}
