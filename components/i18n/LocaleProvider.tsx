'use client';
/**
 * The interface language in client components: `useLocale()` gives { locale, setLocale, t, l }.
 * next-intl holds the language and the messages (NextIntlClientProvider in app/layout.tsx, fed from
 * request.ts); this hook is the one way components read them. The file keeps its old name so the
 * components that import it need no change; there is no provider of our own any more.
 *
 * - `t('key')`, `t('key', { n: 3 })`: a message, ICU values type-checked against messages.ts.
 * - `l({ vi, en })`: the viewer's side of a text that comes with data (KPI names, error messages).
 * - `setLocale('en')`: writes the cookie and re-renders the server components in that language.
 * Server components use next-intl's `getTranslations()` / `getLocale()` directly.
 */
import { useLocale as useIntlLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { Locale } from '../format';
import type { Translate } from './catalogues';
import { localeCookieText } from './localeCookie';


export interface LocaleContextValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: Translate;
  /** picks the language's text of a { vi, en } pair */
  l: (text: { vi: string; en: string }) => string;
}

export function useLocale(): LocaleContextValue {
  const locale = useIntlLocale();
  const t = useTranslations();
  const router = useRouter();
  const setLocale = useCallback(
    (next: Locale) => {
      document.cookie = localeCookieText(next);
      // the server renders the page again in the new language; client state (forms, scroll) stays
      router.refresh();
    },
    [router],
  );
  return useMemo(() => ({ locale, setLocale, t, l: (text) => text[locale] }), [locale, setLocale, t]);
}
