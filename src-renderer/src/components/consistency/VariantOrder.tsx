import { useMemo } from 'react';
import type { Render } from '../../../../src-shared/domain/index.ts';
import { byConsistency } from '../../state/consistency.ts';
import { useActions, useApp } from '../../state/context.ts';
import { hint } from '../ui.ts';
import { similarity } from './consistency-text.ts';

/** The variants in the order the user chose: oldest first, or most consistent with the other frames first. */
export function useOrderedVariants(renders: Render[]): Render[] {
  const order = useApp((s) => s.variantOrder);
  return useMemo(() => (order === 'consistency' ? byConsistency(renders) : renders), [order, renders]);
}

/** "Sort variants by consistency", shown once any variant has scores. */
export function VariantOrderToggle({ renders }: { renders: Render[] }) {
  const order = useApp((s) => s.variantOrder);
  const { setVariantOrder } = useActions();
  if (!renders.some((r) => r.scores?.clipI != null)) return null;
  return (
    <label className={`${hint} inline-flex items-center gap-1.5`}>
      <input type="checkbox" checked={order === 'consistency'} onChange={(e) => setVariantOrder(e.target.checked ? 'consistency' : 'oldest')} />
      Sort variants by consistency
    </label>
  );
}

/** A variant's identity score on its thumbnail. */
export function VariantScore({ render }: { render: Render }) {
  const clipI = render.scores?.clipI;
  if (clipI == null) return null;
  return <span className="absolute inset-x-0 top-0 bg-stone-900/70 text-[10px] text-white tabular-nums">ID {similarity(clipI)}</span>;
}
