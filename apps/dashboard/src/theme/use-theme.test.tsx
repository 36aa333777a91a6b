import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTheme } from './use-theme.js';

function Toggle() {
  const [theme, toggle] = useTheme();
  return (
    <button type="button" onClick={toggle}>
      {theme}
    </button>
  );
}

function fakeMatchMedia(dark: boolean) {
  const listeners: Array<(e: { matches: boolean }) => void> = [];
  vi.stubGlobal('matchMedia', () => ({
    matches: dark,
    addEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.push(l),
    removeEventListener: () => undefined,
  }));
  return (matches: boolean) => listeners.forEach((l) => l({ matches }));
}

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('useTheme', () => {
  it('starts from prefers-color-scheme and follows it until the user chooses', () => {
    const change = fakeMatchMedia(true);
    render(<Toggle />);
    expect(screen.getByRole('button').textContent).toBe('dark');
    act(() => change(false));
    expect(screen.getByRole('button').textContent).toBe('light');
    fireEvent.click(screen.getByRole('button'));
    expect(localStorage.getItem('wharf-theme')).toBe('dark');
    act(() => change(false));
    expect(screen.getByRole('button').textContent).toBe('dark');
    expect(document.documentElement.dataset['theme']).toBe('dark');
  });

  it('a stored choice wins over the system', () => {
    fakeMatchMedia(true);
    localStorage.setItem('wharf-theme', 'light');
    render(<Toggle />);
    expect(screen.getByRole('button').textContent).toBe('light');
  });
});
