/**
 * The per-language message catalogues next-intl reads, made from messages.ts, where each message
 * keeps its Vietnamese and English side by side. Pure: the request config (server) and the unit tests
 * import it alike.
 */
import type { Locale } from '../format';
import type { useTranslations } from 'next-intl';
import { MESSAGES, type AnyMessageKey } from './messages';

export const LOCALES = ['vi', 'en'] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = 'vi';

/**
 * A catalogue, typed by the Vietnamese texts: next-intl reads each message's ICU arguments from them,
 * so `t('approvalsCount', { n })` must get its number. The English texts take the same arguments
 * (tests/unit/messages.test.ts checks it).
 */
export type Catalogue = { readonly [K in AnyMessageKey]: (typeof MESSAGES)[K]['vi'] };

/** next-intl's translator over the catalogue: what `useLocale().t` and `getTranslations()` return */
export type Translate = ReturnType<typeof useTranslations<never>>;

const cache = new Map<Locale, Catalogue>();

export function catalogue(locale: Locale): Catalogue {
  let c = cache.get(locale);
  if (!c) {
    // the cast: each English text stands for the Vietnamese literal type it translates (same arguments, tested)
    c = Object.fromEntries(Object.entries(MESSAGES).map(([key, text]) => [key, text[locale]])) as Catalogue;
    cache.set(locale, c);
  }
  return c;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Catalogue;
  }
}
