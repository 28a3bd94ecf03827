// DOM ids and focus moves for frame cards, shared by the list, the cards and the shortcuts.

export function promptFieldId(frameId: string): string {
  return `frame-prompt-${frameId}`;
}

/** Waits for the frame's card to render, then puts the cursor in its prompt. */
export function focusFramePrompt(frameId: string): void {
  requestAnimationFrame(() => document.getElementById(promptFieldId(frameId))?.focus());
}

/** Puts focus on the frame's card (its picture, which selects the frame), once it has rendered. */
export function focusFrameCard(frameId: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-frame-select="${CSS.escape(frameId)}"]`)?.focus());
}
