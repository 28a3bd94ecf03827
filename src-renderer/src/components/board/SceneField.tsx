import type { Frame } from '../../../../src-shared/domain/index.ts';

/** Placeholder until scenes land. */
export function SceneField({ frame: _frame }: { frame: Frame }) {
  return null;
}
