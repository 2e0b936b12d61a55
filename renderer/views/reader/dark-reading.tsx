import { useEffect, useMemo, useState } from 'react';
import type { Settings } from '../../../shared/settings';
import { darkReadingSkip, type DarkReadingSkip } from './dark-colors';
import './dark-reading.css';
import { useT } from '../../state/locale';
import type { MessageId } from '../../../shared/i18n/messages-en';

/** Whether the window is dark now: the appearance setting, or the system's when it follows the system. */
export function useDarkTheme(appearance: Settings['appearance'] | undefined): boolean {
  const query = '(prefers-color-scheme: dark)';
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const onChange = (): void => setSystemDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return appearance === 'dark' || ((appearance === undefined || appearance === 'system') && systemDark);
}

/** Dark reading for the message in the reader. */
export interface DarkReading {
  /** Whether the choice is offered at all: an HTML message in a dark window. */
  readonly available: boolean;
  /** Whether the frame gets the dark styles. */
  readonly apply: boolean;
  /** Why it is off by itself for this message, if it is. */
  readonly skip: DarkReadingSkip | null;
  /** Turns it on or off for this message only. */
  readonly toggle: () => void;
}

/**
 * Dark reading of one message: on in a dark window when the setting is on and the message does not look
 * broken with it (its own dark design, a dark-mode design, many pictures); the reader's button turns it
 * on or off for this message.
 */
export function useDarkReading(html: string | null, settings: Settings | null): DarkReading {
  const dark = useDarkTheme(settings?.appearance);
  const [choice, setChoice] = useState<boolean | null>(null);
  const skip = useMemo(() => (html === null ? null : darkReadingSkip(html)), [html]);
  const available = dark && html !== null;
  const automatic = (settings?.darkReading ?? false) && skip === null;
  const apply = available && (choice ?? automatic);
  return { available, apply, skip, toggle: () => setChoice(!apply) };
}

const SKIP_WORDS: Readonly<Record<DarkReadingSkip, MessageId>> = {
  'own-dark-design': 'darkReading.ownDesign',
  'supports-dark-mode': 'darkReading.supportsDark',
  'many-images': 'darkReading.manyImages',
};

/** The reader's "Dark reading" switch for the open message, with the reason when it turned itself off. */
export function DarkReadingToggle(props: { readonly state: DarkReading }) {
  const { state } = props;
  const t = useT();
  if (!state.available) return null;
  const note = !state.apply && state.skip !== null ? t(SKIP_WORDS[state.skip]) : undefined;
  return (
    <>
      {note === undefined ? null : <span className="dark-reading-note">{note}</span>}
      <button type="button" aria-pressed={state.apply} onClick={state.toggle}>
        {t('darkReading.toggle')}
      </button>
    </>
  );
}
