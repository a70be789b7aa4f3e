/**
 * The message catalogues: every message in both languages, valid ICU, the same values asked for in
 * both, and counts in words with each language's plural rule ("1 day", "2 days"; "1 ngày", "2 ngày").
 */
import { createTranslator, IntlErrorCode, type IntlError } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { deadlineText } from '../../components/completeness/completenessView';
import type { Locale } from '../../components/format';
import { catalogue, LOCALES } from '../../components/i18n/catalogues';
import { MESSAGES, type AnyMessageKey } from '../../components/i18n/messages';

const KEYS = Object.keys(MESSAGES) as AnyMessageKey[];

function translator(locale: Locale, errors: IntlError[] = []) {
  return createTranslator({ locale, messages: catalogue(locale), timeZone: 'Asia/Ho_Chi_Minh', onError: (e) => errors.push(e) });
}

/** The names of a message's ICU arguments, `:select` marking a word; plurals and numbers both take a number. */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  // outermost and nested `{name}` / `{name, kind, …}`; `#` and plural branches are not arguments
  for (const m of message.matchAll(/\{\s*(\w+)\s*(?:\}|,\s*(\w+))/g)) found.add(`${m[1]}${m[2] === 'select' ? ':select' : ''}`);
  return [...found].sort();
}

/** values that satisfy any message: numbers for counts, a word for selects */
const ANY_VALUES = new Proxy({}, { get: (_t, name) => (name === 'more' ? 'no' : 2), has: () => true, ownKeys: () => [] });

describe('message catalogues', () => {
  it('has every message in both languages, none empty', () => {
    for (const locale of LOCALES) {
      const c = catalogue(locale);
      expect(Object.keys(c).sort()).toEqual([...KEYS].sort());
      expect(KEYS.filter((k) => typeof c[k] !== 'string' || c[k].trim() === '')).toEqual([]);
    }
  });

  it('asks for the same values in Vietnamese and English', () => {
    const differ = KEYS.filter((k) => argumentsOf(MESSAGES[k].vi).join() !== argumentsOf(MESSAGES[k].en).join());
    expect(differ).toEqual([]);
  });

  it('parses and formats every message as ICU in both languages', () => {
    for (const locale of LOCALES) {
      const errors: IntlError[] = [];
      const t = translator(locale, errors);
      for (const key of KEYS) {
        const values = Object.fromEntries(argumentsOf(MESSAGES[key].vi).map((a) => a.split(':')[0]!).map((name) => [name, (ANY_VALUES as Record<string, unknown>)[name]]));
        // the typed translator wants each key's own values; here every key goes through one loop
        (t as unknown as (k: string, v: object) => string)(key, values);
      }
      expect(errors.map((e) => `${locale}: ${e.message}`)).toEqual([]);
      expect(errors.some((e) => e.code === IntlErrorCode.INVALID_MESSAGE)).toBe(false);
    }
  });

  it('writes no hand-made plural: "(s)", or a count put before a noun by hand', () => {
    const selfCounted = KEYS.filter((k) => /\(s\)|\{n\} (day|ngày|KPI|report|unit)/.test(`${MESSAGES[k].vi} ${MESSAGES[k].en}`));
    expect(selfCounted).toEqual([]);
  });
});

describe('counts in words', () => {
  const en = translator('en');
  const vi = translator('vi');

  it('says "1 day" and "2 days" in English, with English digit grouping', () => {
    expect(en('daysAfterPeriod', { days: 1 })).toBe('1 day after the period ends');
    expect(en('daysAfterPeriod', { days: 2 })).toBe('2 days after the period ends');
    expect(en('deadlineDaysLeft', { days: 1 })).toBe('1 day left');
    expect(en('deadlineLate', { days: 1500 })).toBe('1,500 days late');
  });

  it('says "1 ngày" and "2 ngày" in Vietnamese, with Vietnamese digit grouping', () => {
    expect(vi('daysAfterPeriod', { days: 1 })).toBe('1 ngày sau khi kết thúc kỳ');
    expect(vi('deadlineLate', { days: 1500 })).toBe('quá hạn 1.500 ngày');
  });

  it('the completeness deadline badge: "1 day left", "1 day overdue", "3 days overdue"', () => {
    expect(deadlineText(1, en)).toBe('1 day left');
    expect(deadlineText(-1, en)).toBe('1 day overdue');
    expect(deadlineText(-3, en)).toBe('3 days overdue');
    expect(deadlineText(1, vi)).toBe('còn 1 ngày');
  });

  it('counts units, reports and KPIs in the singular for one (the English defects that were)', () => {
    expect(en('unitsReporting', { n: 1 })).toBe('1 unit reporting');
    expect(en('unitsReporting', { n: 34 })).toBe('34 units reporting');
    expect(vi('unitsReporting', { n: 1 })).toBe('1 đơn vị báo cáo');
    expect(en('approvalsCount', { n: 1 })).toBe('1 report awaiting approval');
    expect(en('approvalsCount', { n: 3 })).toBe('3 reports awaiting approval');
    expect(en('unsavedCount', { n: 1 })).toBe('1 KPI has unsaved changes');
    expect(en('problemsTitle', { n: 2 })).toBe('Not saved: 2 problems to fix');
    expect(en('completenessOfReports', { n: 1200, total: 1360 })).toBe('1,200 of 1,360 reports');
    expect(vi('completenessOfReports', { n: 1200, total: 1360 })).toBe('1.200/1.360 báo cáo');
  });

  it('says "50+ new alerts" past the badge cap and "1 new alert" for one', () => {
    expect(en('alertsNew', { count: 1, more: 'no' })).toBe('1 new alert');
    expect(en('alertsNew', { count: 50, more: 'yes' })).toBe('50+ new alerts');
    expect(vi('alertsNew', { count: 3, more: 'no' })).toBe('3 cảnh báo mới');
  });
});
