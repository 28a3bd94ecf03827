import { useApp } from '../../state/context.ts';
import { routeHash } from '../../state/route.ts';
import { button, card } from '../ui.ts';

const INTRO = {
  projects: 'Onestory draws with a Stable Diffusion model kept on this computer, and your library has none yet.',
  story: 'This story has no model to draw with, and your library is empty.',
};

/** Shown while the library is known to be empty: a new user's first step is getting a model. */
export function ModelGuide({ where, className = '' }: { where: keyof typeof INTRO; className?: string }) {
  const empty = useApp((s) => s.modelsLoaded && !s.models.some((m) => m.kind === 'diffusion'));
  if (!empty) return null;
  return (
    <section aria-labelledby="model-guide-heading" className={`${card} grid gap-3 border-teal-200 p-5 dark:border-teal-900 ${className}`}>
      <h2 id="model-guide-heading" className="text-base font-semibold">
        Get a model first
      </h2>
      <p className="text-sm text-stone-600 dark:text-stone-300">
        {INTRO[where]} Import a model folder you already have (the diffusers ONNX layout), or download one from the Hugging Face Hub.
      </p>
      <a href={routeHash({ page: 'models' })} className={`${button.primary} w-fit`}>
        Add a model
      </a>
    </section>
  );
}
