// DOM ids and focus moves for scene headings on the board.

export function sceneHeadingId(sceneId: string): string {
  return `scene-heading-${sceneId}`;
}

/** Waits for the new heading to render, then puts the cursor in it to name the scene. */
export function focusSceneHeading(sceneId: string): void {
  requestAnimationFrame(() => {
    const field = document.getElementById(sceneHeadingId(sceneId));
    if (field instanceof HTMLInputElement) {
      field.focus();
      field.select();
    }
  });
}
