/** Light, dark, or the system's choice (the default), kept in this browser. */
export type Theme = 'system' | 'light' | 'dark';

const KEY = 'igniflo.theme';

export function storedTheme(): Theme {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The tokens in styles.css follow `color-scheme`, which these classes set. */
export function applyTheme(theme: Theme): void {
  document.documentElement.classList.toggle('light', theme === 'light');
  document.documentElement.classList.toggle('dark', theme === 'dark');
  if (theme === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, theme);
}
