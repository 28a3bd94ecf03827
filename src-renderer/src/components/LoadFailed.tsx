import { useActions } from '../state/context.ts';
import { button } from './ui.ts';

export function LoadFailed({ what }: { what: string }) {
  const { reload } = useActions();
  return (
    <div className="py-16 text-center text-sm text-stone-500 dark:text-stone-400">
      <p className="mb-4">{what} could not be loaded.</p>
      <div className="flex justify-center gap-3">
        <button type="button" className={button.secondary} onClick={() => void reload()}>
          Try again
        </button>
        <a href="#/" className={button.secondary}>
          All projects
        </a>
      </div>
    </div>
  );
}
