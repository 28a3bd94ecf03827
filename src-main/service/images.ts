import type { ImageKind } from '../../src-shared/contract/index.ts';
import type { Store } from '../store/index.ts';

/** A render's PNG bytes for the transports to serve; undefined for an unknown render. */
export type ReadRenderImage = (renderId: string, kind: ImageKind) => Buffer | undefined;

export function renderImageReader(store: Store): ReadRenderImage {
  return (renderId, kind) => {
    const thumbnail = kind === 'thumb' ? store.renders.getThumbnail(renderId) : null;
    // A render stored without a thumbnail serves its full image in the grid.
    return thumbnail ?? store.renders.getPng(renderId);
  };
}
