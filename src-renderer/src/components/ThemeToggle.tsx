import { useActions, useApp } from '../state/context.ts';
import { MoonIcon, SunIcon } from './icons.tsx';
import { button } from './ui.ts';

export function ThemeToggle() {
  const theme = useApp((s) => s.theme);
  const { toggleTheme } = useActions();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" className={button.icon} onClick={toggleTheme} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
      {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
