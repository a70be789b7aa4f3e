/**
 * next-intl's request configuration (next.config.js points the plugin here): the language of this
 * request, from its cookie (or the one a page names), and that language's messages. Runs in server components only.
 */
import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { TIME_ZONE } from '../../shared/domain/periods';
import { catalogue, DEFAULT_LOCALE, isLocale } from './catalogues';
import { LOCALE_COOKIE } from './localeCookie';

export default getRequestConfig(async ({ locale: asked }) => {
  // a locale a page asks for by name (the open-data pages' `?lang=`: getTranslations({ locale })), else the cookie's
  const saved = asked ?? (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(saved) ? saved : DEFAULT_LOCALE;
  // the time zone is the app's, not the server's or the browser's: dates read the same on both
  return { locale, messages: catalogue(locale), timeZone: TIME_ZONE };
});
