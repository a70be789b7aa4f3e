/**
 * The interface language lives in a cookie, so the server renders the page in it (text, <title>,
 * <html lang>) and the first paint is already right. No cookie means Vietnamese: the Accept-Language
 * header is not consulted, because many officials' browsers and wall screens run an English system
 * with a Vietnamese-reading audience; English is one click away and then remembered.
 */
import type { Locale } from '../format';

export const LOCALE_COOKIE = 'lienthong-locale';

/** a year; the choice is this browser's, like a bookmark */
const MAX_AGE_S = 365 * 24 * 3600;

/** The Set-Cookie text the browser writes (document.cookie) when the viewer switches language. */
export function localeCookieText(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${MAX_AGE_S}; SameSite=Lax`;
}
