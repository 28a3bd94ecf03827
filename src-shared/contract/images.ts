/** Render images never travel as file paths: each transport serves them under this path. */
export const IMAGE_KINDS = ['full', 'thumb'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

/** `/images/<renderId>/<kind>.png`: served by browser mode (token in the query) and Electron's custom protocol. */
export function renderImagePath(renderId: string, kind: ImageKind): string {
  return `/images/${encodeURIComponent(renderId)}/${kind}.png`;
}

const IMAGE_PATH = /^\/images\/([0-9a-f-]{36})\/(full|thumb)\.png$/i;

export function parseRenderImagePath(path: string): { renderId: string; kind: ImageKind } | null {
  const match = IMAGE_PATH.exec(path);
  return match ? { renderId: match[1]!.toLowerCase(), kind: match[2] as ImageKind } : null;
}

/** Electron serves images from this privileged scheme (registered by the main process). */
export const IMAGE_SCHEME = 'onestory-image';
