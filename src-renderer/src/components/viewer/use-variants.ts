import { useEffect, useState } from 'react';
import type { Frame, Render } from '../../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../../state/context.ts';

/** The frame's variants, oldest first; read again whenever a variant is added or chosen, here or elsewhere. */
export function useVariants(frame: Frame): Render[] {
  const variantCount = useApp((s) => s.framePlans[frame.id]?.variantCount ?? 0);
  const { listVariants } = useActions();
  const [renders, setRenders] = useState<Render[]>([]);
  useEffect(() => {
    let current = true;
    void listVariants(frame.id).then((list) => current && setRenders(list));
    return () => {
      current = false;
    };
  }, [frame.id, frame.currentRenderId, variantCount, listVariants]);
  return renders;
}

/** The model's name in the library, else its family (a model removed since). */
export function useModelName(): (modelId: string, family: string) => string {
  const models = useApp((s) => s.models);
  return (modelId, family) => models.find((m) => m.id === modelId)?.name ?? family;
}
