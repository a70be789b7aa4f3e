/**
 * Counts in words with the language's own plural rule (Intl.PluralRules): "1 day", "2 days" in
 * English; Vietnamese nouns do not inflect, so "1 ngày", "2 ngày".
 */
import { formatNumber, type Locale } from '../format';
import { fill } from './fill';
import { MESSAGES } from './messages';

const PLURAL_RULES: Record<Locale, Intl.PluralRules> = { vi: new Intl.PluralRules('vi-VN'), en: new Intl.PluralRules('en-GB') };

/** A whole number of days: "1 day", "3 days", "1 ngày", "1.200 ngày". */
export function dayCount(n: number, locale: Locale): string {
  const key = PLURAL_RULES[locale].select(n) === 'one' ? 'dayCountOne' : 'dayCountOther';
  return fill(MESSAGES[key][locale], { n: formatNumber(n, 0, locale) });
}
