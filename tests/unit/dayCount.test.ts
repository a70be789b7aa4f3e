/** Day counts in words: English singular and plural by Intl.PluralRules, Vietnamese uninflected. */
import { describe, expect, it } from 'vitest';
import { deadlineText } from '../../components/completeness/completenessView';
import type { Locale } from '../../components/format';
import { fill } from '../../components/i18n/fill';
import { MESSAGES, type MessageKey } from '../../components/i18n/messages';
import { dayCount } from '../../components/i18n/plural';

const t = (locale: Locale) => (key: MessageKey) => MESSAGES[key][locale];

describe('dayCount', () => {
  it('says "1 day" and "2 days" in English', () => {
    expect(dayCount(1, 'en')).toBe('1 day');
    expect(dayCount(2, 'en')).toBe('2 days');
    expect(dayCount(0, 'en')).toBe('0 days');
    expect(dayCount(1500, 'en')).toBe('1,500 days');
  });

  it('says "1 ngày" and "2 ngày" in Vietnamese, with Vietnamese digit grouping', () => {
    expect(dayCount(1, 'vi')).toBe('1 ngày');
    expect(dayCount(2, 'vi')).toBe('2 ngày');
    expect(dayCount(1500, 'vi')).toBe('1.500 ngày');
  });
});

describe('day counts in the interface', () => {
  it('the completeness deadline badge: "1 day left", "1 day overdue", "3 days overdue"', () => {
    expect(deadlineText(1, t('en'), 'en')).toBe('1 day left');
    expect(deadlineText(-1, t('en'), 'en')).toBe('1 day overdue');
    expect(deadlineText(-3, t('en'), 'en')).toBe('3 days overdue');
    expect(deadlineText(1, t('vi'), 'vi')).toBe('còn 1 ngày');
  });

  it('the report form countdown and the KPI page deadline: "1 day left", "1 day after the period ends"', () => {
    expect(fill(MESSAGES.deadlineDaysLeft.en, { days: dayCount(1, 'en') })).toBe('1 day left');
    expect(fill(MESSAGES.deadlineLate.en, { days: dayCount(1, 'en') })).toBe('1 day late');
    expect(fill(MESSAGES.daysAfterPeriod.en, { days: dayCount(1, 'en') })).toBe('1 day after the period ends');
    expect(fill(MESSAGES.daysAfterPeriod.vi, { days: dayCount(1, 'vi') })).toBe('1 ngày sau khi kết thúc kỳ');
  });

  it('no message counts days by itself ("{n} days", "day(s)"): every count goes through dayCount', () => {
    const selfCounted = Object.entries(MESSAGES).filter(([key, m]) => !key.startsWith('dayCount') && /\{n\} (day|ngày)|day\(s\)/.test(`${m.vi} ${m.en}`));
    expect(selfCounted.map(([key]) => key)).toEqual([]);
  });
});
