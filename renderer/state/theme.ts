import { useEffect } from 'react';
import type { Settings } from '../../shared/settings';

/**
 * Applies the appearance setting to the document: `light` or `dark` pin the theme, `system` follows
 * the operating system through the stylesheet's prefers-color-scheme rules.
 */
export function useTheme(appearance: Settings['appearance'] | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (appearance === undefined || appearance === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = appearance;
  }, [appearance]);
}
