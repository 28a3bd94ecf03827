import type { ModelRecord } from '../../../../src-shared/domain/index.ts';
import { hint, sectionHeading } from '../ui.ts';
import { ModelRow } from './ModelRow.tsx';

/** CLIP, DINOv2 and background-removal models: they never render; they measure how consistent a story's frames are. */
export function ScoringModels({ models, onRemove }: { models: ModelRecord[]; onRemove(model: ModelRecord): void }) {
  return (
    <section aria-labelledby="scoring-models-heading" className="grid gap-2">
      <h3 id="scoring-models-heading" className={sectionHeading}>
        Scoring models
      </h3>
      <p className={`${hint} max-w-prose`}>
        A CLIP model scores how alike a story’s frames are (identity) and how well each matches its prompt; a DINOv2 model adds a
        second identity score that looks at shapes more than meaning; a background remover (such as RMBG-1.4) lets the identity
        scores compare the characters alone, as the paper does. They run after generation, never in its way. Import a folder with
        the ONNX export (such as Xenova/clip-vit-base-patch32) or download one from the catalogue.
      </p>
      {models.length === 0 ? (
        <p className={hint}>No scoring model yet: stories show no consistency scores.</p>
      ) : (
        <ul aria-label="Scoring models" className="grid gap-3">
          {models.map((model) => (
            <ModelRow key={model.id} model={model} onRemove={onRemove} />
          ))}
        </ul>
      )}
    </section>
  );
}
