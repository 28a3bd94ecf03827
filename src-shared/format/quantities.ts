// How sizes and durations read wherever a user sees them: the editor, the CLI, the PDF storyboard, error messages.

/** 1.2 GB, 340 MB, 12 kB: decimal units, as the Hub and file managers show sizes. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? formatCount(bytes, 'byte') : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** "1.5 s": a frame's duration. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** "2.4 s/step", "0.031 s/step": three significant figures, so a fast GPU's step does not read as 0.0 s. */
export function formatSecondsPerStep(seconds: number): string {
  return `${Number(seconds.toPrecision(3))} s/step`;
}

/** "1 frame", "3 frames": a count with its noun, singular for one. */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
