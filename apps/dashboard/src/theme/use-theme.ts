import { useCallback, useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const storageKey = 'wharf-theme';

function initialTheme(): Theme {
  const stored = globalThis.localStorage?.getItem(storageKey);
  if (stored === 'light' || stored === 'dark') return stored;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Light/dark: prefers-color-scheme first, then the user's choice kept in localStorage. */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => {
    // follow the system while the user has not chosen
    const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    if (!query) return;
    const onChange = (e: MediaQueryListEvent): void => {
      if (!globalThis.localStorage?.getItem(storageKey)) setTheme(e.matches ? 'dark' : 'light');
    };
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const toggle = useCallback(() => {
    setTheme((t) => {
      const next = t === 'dark' ? 'light' : 'dark';
      globalThis.localStorage?.setItem(storageKey, next);
      return next;
    });
  }, []);
  return [theme, toggle];
}
