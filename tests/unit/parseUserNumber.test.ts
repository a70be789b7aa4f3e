import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUserNumber, parseUserNumber, type ParsedUserNumber } from '../../shared/domain/parseUserNumber';

const valueOf = (r: ParsedUserNumber) => (r.ok ? r.value : r.code);

describe('parseUserNumber: Vietnamese first, one reading per text', () => {
  it.each([
    ['1.000', 1000],
    ['2.000', 2000],
    ['1.026', 1026],
    ['1.234,5', 1234.5],
    ['1.234.567', 1234567],
    ['1.234.567,25', 1234567.25],
    ['1,57', 1.57],
    ['602,0', 602],
    ['1234,5', 1234.5],
    ['0,125', 0.125],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1\u202f234\u202f567', 1234567],
    ['1 234.5', 1234.5],
    ['1234.5', 1234.5],
    ['12.5', 12.5],
    ['0.125', 0.125],
    ['1234.567', 1234.567],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['1,234,567.5', 1234567.5],
    ['  42 ', 42],
    ['-1.234,5', -1234.5],
    ['\u22123', -3],
    ['+7', 7],
    ['-0', 0],
    ['2.5e3', 2500],
  ])('reads %j as %d', (text, expected) => {
    expect(valueOf(parseUserNumber(text))).toBe(expected);
  });

  it('refuses "1,234" without context, saying both readings and what to write instead', () => {
    const r = parseUserNumber('1,234');
    expect(r).toMatchObject({ ok: false, code: 'ambiguous_number' });
    if (r.ok) return;
    expect(r.message.vi).toContain('1,234 (số thập phân)');
    expect(r.message.vi).toContain('hãy viết 1234 hoặc 1.234');
    expect(r.message.vi).toContain('1,2340');
    expect(r.message.en).toContain('ambiguous');
    // what the message suggests reads as it says
    expect(valueOf(parseUserNumber('1.234'))).toBe(1234);
    expect(valueOf(parseUserNumber('1,2340'))).toBe(1.234);
  });

  it('reads "1,234" as 1,234 where the context says the comma marks decimals (the Vietnamese form, a ; CSV)', () => {
    expect(valueOf(parseUserNumber('1,234', { decimalComma: true }))).toBe(1.234);
    expect(valueOf(parseUserNumber('1.234', { decimalComma: true }))).toBe(1234);
    expect(valueOf(parseUserNumber('1.234,567', { decimalComma: true }))).toBe(1234.567);
  });

  it('refuses "12.345" as ambiguous where a program may have written it (the HTTP API), instead of reading 12345', () => {
    const api = { pointMayBeDecimal: true };
    const refused = parseUserNumber('12.345', api);
    expect(refused).toMatchObject({ ok: false, code: 'ambiguous_number' });
    expect(refused.ok ? '' : refused.message.vi).toContain('12345');
    expect(refused.ok ? '' : refused.message.en).toContain('JSON number');
    // what has one reading stays read
    expect(valueOf(parseUserNumber('1234.5', api))).toBe(1234.5);
    expect(valueOf(parseUserNumber('0.125', api))).toBe(0.125);
    expect(valueOf(parseUserNumber('1.234,5', api))).toBe(1234.5);
    expect(valueOf(parseUserNumber('1.234.567', api))).toBe(1234567);
    // a semicolon CSV settles it: the comma marks decimals, so the point groups
    expect(valueOf(parseUserNumber('12.345', { ...api, decimalComma: true }))).toBe(12345);
  });

  it.each([
    ['1.23.456', 'bad_grouping'],
    ['12.34.567', 'bad_grouping'],
    ['1,23,456', 'bad_grouping'],
    ['12 34', 'bad_grouping'],
    ['1.234,5.6', 'bad_grouping'],
    ['1,234,5.6', 'bad_grouping'],
    ['12.34,5', 'bad_grouping'],
    ['abc', 'not_a_number'],
    ['12abc', 'not_a_number'],
    ['0x10', 'not_a_number'],
    ['5%', 'not_a_number'],
    [',5', 'not_a_number'],
    ['5,', 'not_a_number'],
    ['-', 'not_a_number'],
    ['', 'not_a_number'],
    ['1' + '0'.repeat(400), 'not_a_number'],
  ])('refuses %j as %s with a message in both languages', (text, code) => {
    const r = parseUserNumber(text);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) {
      expect(r.message.vi).not.toBe('');
      expect(r.message.en).not.toBe('');
    }
  });
});

/**
 * A number as digits: the whole part and the decimals (text, so that "1.50" keeps its zero),
 * the value is what JavaScript reads of "whole.frac".
 */
const decimalParts = fc.record({
  whole: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999_999_999 })),
  frac: fc.oneof(fc.constant(''), fc.stringMatching(/^\d{1,4}$/)),
  negative: fc.boolean(),
});
type Parts = { whole: number; frac: string; negative: boolean };
const valueOfParts = (p: Parts) => {
  const v = (p.negative ? -1 : 1) * Number(p.frac ? `${p.whole}.${p.frac}` : String(p.whole));
  return v === 0 ? 0 : v;
};
const group = (whole: number, mark: string) => String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, mark);
const signed = (p: Parts, body: string) => (p.negative ? `-${body}` : body);
/** "1,234" and its kind: a comma then exactly three digits after one to three digits */
const commaCouldGroup = (p: Parts) => p.frac.length === 3 && p.whole >= 1 && p.whole <= 999;

describe('parseUserNumber: property, format in each accepted style, read back the same number', () => {
  it('vi-VN: "." groups, "," marks decimals (1.234,5); only "1,234" without groups is refused as ambiguous', () => {
    fc.assert(
      fc.property(decimalParts, (p) => {
        const text = signed(p, group(p.whole, '.') + (p.frac ? `,${p.frac}` : ''));
        const r = parseUserNumber(text);
        if (commaCouldGroup(p)) expect(r).toMatchObject({ ok: false, code: 'ambiguous_number' });
        else expect(valueOf(r)).toBe(valueOfParts(p));
        expect(valueOf(parseUserNumber(text, { decimalComma: true }))).toBe(valueOfParts(p));
      }),
    );
  });

  it('vi-VN with spaces, no-break spaces or narrow no-break spaces grouping (1 234,5)', () => {
    fc.assert(
      fc.property(decimalParts, fc.constantFrom(' ', '\u00a0', '\u202f'), (p, space) => {
        const text = signed(p, group(p.whole, space) + (p.frac ? `,${p.frac}` : ''));
        expect(valueOf(parseUserNumber(text, { decimalComma: true }))).toBe(valueOfParts(p));
      }),
    );
  });

  it('as Intl.NumberFormat("vi-VN") writes it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 4 }), (n, decimals) => {
        const value = n / 10 ** decimals;
        const text = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 }).format(value);
        expect(valueOf(parseUserNumber(text, { decimalComma: true }))).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('a decimal point where it cannot group thousands (1234.5, 0.125, 12.5)', () => {
    fc.assert(
      fc.property(
        decimalParts.filter((p) => p.frac !== '' && !commaCouldGroup(p)),
        (p) => {
          const text = signed(p, `${p.whole}.${p.frac}`);
          expect(valueOf(parseUserNumber(text))).toBe(valueOfParts(p));
        },
      ),
    );
  });

  it('English grouping with both marks, or with two or more groups (1,234.5; 1,234,567)', () => {
    fc.assert(
      fc.property(
        decimalParts.filter((p) => (p.whole >= 1000 && p.frac !== '') || (p.whole >= 1_000_000 && p.frac === '')),
        (p) => {
          const text = signed(p, group(p.whole, ',') + (p.frac ? `.${p.frac}` : ''));
          expect(valueOf(parseUserNumber(text))).toBe(valueOfParts(p));
        },
      ),
    );
  });

  it('plain digits and a lone decimal comma (1234,5) read the same in every context', () => {
    fc.assert(
      fc.property(
        decimalParts.filter((p) => !commaCouldGroup(p)),
        (p) => {
          const text = signed(p, String(p.whole) + (p.frac ? `,${p.frac}` : ''));
          expect(valueOf(parseUserNumber(text))).toBe(valueOfParts(p));
          expect(valueOf(parseUserNumber(text, { decimalComma: true }))).toBe(valueOfParts(p));
        },
      ),
    );
  });

  it('no text reads as two different numbers: the decimal-comma context only settles what is otherwise refused', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[\d.,]{1,12}$/), (text) => {
        const plain = parseUserNumber(text);
        const comma = parseUserNumber(text, { decimalComma: true });
        if (plain.ok) expect(comma).toEqual(plain);
        else if (comma.ok) expect(plain.code).toBe('ambiguous_number');
      }),
    );
  });

  it('formatUserNumber writes any number as text read back as the same number, with either mark', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('.' as const, ',' as const), fc.boolean(), (n, mark, decimalComma) => {
        const back = parseUserNumber(formatUserNumber(n, mark, { decimalComma }), { decimalComma });
        expect(back).toEqual({ ok: true, value: n === 0 ? 0 : n });
      }),
    );
    expect(formatUserNumber(1.234, '.')).toBe('1.2340');
    expect(formatUserNumber(1.234, ',')).toBe('1,2340');
    expect(formatUserNumber(1.234, ',', { decimalComma: true })).toBe('1,234');
    expect(formatUserNumber(1234.5, ',')).toBe('1234,5');
  });
});

