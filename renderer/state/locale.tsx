import { createContext, useCallback, useContext, useEffect, type ReactElement, type ReactNode } from 'react';
import { FormattedMessage, IntlProvider, useIntl } from 'react-intl';
import { catalogOf, formattingLocale, type MessageValues, type Translate } from '../../shared/i18n/catalogs';
import { chosenLocale, isRightToLeft, type Locale } from '../../shared/i18n/locales';
import type { MessageId } from '../../shared/i18n/messages-en';

/** The browser's preferred languages, most wanted first (the operating system's in Electron). */
export function systemLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}

/** The window's chosen language, for requests whose answer main words (the account test's steps). */
const ChosenLocale = createContext<Locale>('en');

/**
 * The window's language: the setting, or the system's until the user chooses one. Changing the
 * setting re-renders every message at once (no restart); the document's `lang` and `dir` follow, so
 * Arabic mirrors the layout (the stylesheets use logical properties: margin-inline-start, not left).
 */
export function LocaleProvider(props: { readonly language: Locale | null | undefined; readonly children: ReactNode }) {
  const locale = chosenLocale(props.language, systemLanguages());
  useEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
  }, [locale]);
  return (
    <ChosenLocale.Provider value={locale}>
      <IntlProvider locale={formattingLocale(locale)} defaultLocale="en" messages={catalogOf(locale)} textComponent="span">
        {props.children}
      </IntlProvider>
    </ChosenLocale.Provider>
  );
}

/** The message formatter of the window's language; ids are checked by the type system. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback((id: MessageId, values?: MessageValues) => intl.formatMessage({ id }, values), [intl]);
}

/** A message with rich parts: `values` may map a tag of the message (`<strong>…</strong>`) to an element. */
export function Message(props: {
  readonly id: MessageId;
  readonly values?: Readonly<Record<string, string | number | ReactElement | ((chunks: ReactNode[]) => ReactNode)>>;
}) {
  return <FormattedMessage id={props.id} {...(props.values === undefined ? {} : { values: props.values })} />;
}

/** The locale Intl formats dates and numbers with in this window. */
export function useFormattingLocale(): string {
  return useIntl().locale;
}

/** The window's chosen language itself (the pseudo-locale too), for text main writes for this window. */
export function useLocale(): Locale {
  return useContext(ChosenLocale);
}
