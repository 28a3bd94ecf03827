import type { Theme } from './state/store.ts';

const STORAGE_KEY = 'onestory.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/** The user's saved choice, if any. */
export function savedTheme(): Theme | null {
  const value = window.localStorage.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : null;
}

export function systemTheme(): Theme {
  return darkQuery().matches ? 'dark' : 'light';
}

export function saveTheme(theme: Theme): void {
  window.localStorage.setItem(STORAGE_KEY, theme);
}

/** Tailwind's `dark:` variant keys off this class (see styles.css); color-scheme themes native controls. */
export function applyTheme(theme: Theme): void {
  document.documentElement.classList.toggle('dark', theme === 'dark');
  document.documentElement.style.colorScheme = theme;
}

export function onSystemThemeChange(listener: (theme: Theme) => void): void {
  darkQuery().addEventListener('change', (event) => listener(event.matches ? 'dark' : 'light'));
}
