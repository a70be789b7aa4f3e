/**
 * The one reader of numbers that people type or that spreadsheets carry as text: the report form,
 * the CSV/XLSX import and the ingestion API's CSV all read through it, so one text never means
 * two numbers in two places. Pure.
 *
 * The Vietnamese convention comes first: '.' groups thousands and ',' marks decimals
 * ("1.234,5" is 1234.5; "1.026" is 1026). What it accepts:
 * - digits with a sign: "1234", "-12", "+7", "−3" (the minus sign U+2212 too);
 * - "1.234,5" and "1.234.567" ('.' in groups of three, ',' decimal);
 * - "1 234,5" with a space, a no-break space or a narrow no-break space grouping thousands (as
 *   vi-VN number formatting writes them); the one mark after the groups is the decimal mark;
 * - "1234,5", "1,57", "602,0": one ',' is the decimal mark;
 * - "1234.5", "0.125", "12.5": one '.' not followed by exactly three digits cannot group
 *   thousands, so it is a decimal point;
 * - "1,234.5" and "1,234,567": grouped the English way. With both marks the last one is the
 *   decimal mark, and two or more ',' can only group, so these have one reading;
 * - "2.5e3": exponent form, as programs write numbers.
 *
 * What it refuses, saying why and what to write:
 * - "1,234" (one ',' then exactly three digits, after one to three digits): 1.234 in Vietnamese
 *   but 1234 in English. Refused as `ambiguous` unless the context says ',' is the decimal mark
 *   (the Vietnamese form, a semicolon-separated CSV), where it is 1.234;
 * - groups of other than three digits ("1.23.456", "12 34"), two decimal marks, anything else.
 *
 * "1.026" has the same two readings, but Vietnamese staff write thousands that way and the form
 * always read it so: it is 1026 everywhere, and "1.026" as a decimal is written "1,026".
 */

export type UserNumberRefusalCode = 'not_a_number' | 'ambiguous_number' | 'bad_grouping';

export interface UserNumberRefusal {
  ok: false;
  code: UserNumberRefusalCode;
  /** a sentence about the text itself; the caller names the field */
  message: { vi: string; en: string };
}

export type ParsedUserNumber = { ok: true; value: number } | UserNumberRefusal;

export interface UserNumberContext {
  /**
   * ',' is known to be the decimal mark here: the Vietnamese form, or a CSV whose list separator
   * is ';' (spreadsheets in locales with a decimal comma save it so). Resolves "1,234" as 1.234.
   */
  decimalComma?: boolean;
  /**
   * The text may come from a program that writes '.' as its decimal mark (the HTTP API's JSON
   * strings and comma-separated CSV): "12.345" is then ambiguous, refused rather than read as
   * 12345, unless `decimalComma` says otherwise.
   */
  pointMayBeDecimal?: boolean;
}

/** Spaces that group thousands: space, no-break space, narrow no-break space. */
const GROUP_SPACE = /[ \u00a0\u202f]/;
const SPACE_GROUPED = /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?:([.,])(\d+))?$/;
const EXPONENT = /^\d+(?:\.\d+)?[eE][+-]?\d+$/;

function refuse(code: UserNumberRefusalCode, vi: string, en: string): UserNumberRefusal {
  return { ok: false, code, message: { vi, en } };
}

/** The refusal of a text (or a value shown as text) that is no number at all. */
export const notANumber = (raw: string): UserNumberRefusal =>
  refuse('not_a_number', `«${raw}» không phải là một số; hãy viết ví dụ 1.234,5 hoặc 1234,5`, `"${raw}" is not a number; write e.g. 1.234,5 or 1234.5`);

const badGrouping = (raw: string) =>
  refuse(
    'bad_grouping',
    `«${raw}» có dấu phân cách hàng nghìn sai chỗ: sau mỗi dấu phải có đúng 3 chữ số, ví dụ 1.234.567 hoặc 1.234,5`,
    `"${raw}" has a thousands separator in the wrong place: each one must be followed by exactly 3 digits, e.g. 1.234.567 or 1.234,5`,
  );

const ambiguous = (raw: string, whole: string, frac: string) =>
  refuse(
    'ambiguous_number',
    `«${raw}» không rõ nghĩa: theo cách viết Việt Nam là ${whole},${frac} (số thập phân), theo cách viết tiếng Anh là ${whole}${frac} (hàng nghìn). Nếu là ${whole}${frac}, hãy viết ${whole}${frac} hoặc ${whole}.${frac}; nếu là số thập phân, hãy viết ${whole},${frac}0`,
    `"${raw}" is ambiguous: the Vietnamese way it is ${whole}.${frac} (a decimal), the English way ${whole}${frac} (thousands). For ${whole}${frac} write ${whole}${frac} or ${whole}.${frac}; for the decimal write ${whole},${frac}0`,
  );

const ambiguousPoint = (raw: string, whole: string, frac: string) =>
  refuse(
    'ambiguous_number',
    `«${raw}» không rõ nghĩa: theo cách viết Việt Nam là ${whole}${frac} (hàng nghìn), theo cách viết của máy tính là ${whole},${frac} (số thập phân). Hãy gửi số dạng JSON, hoặc viết ${whole}${frac} cho hàng nghìn, ${whole}.${frac}0 cho số thập phân`,
    `"${raw}" is ambiguous: the Vietnamese way it is ${whole}${frac} (thousands), the way programs write it ${whole}.${frac} (a decimal). Send a JSON number, or write ${whole}${frac} for thousands and ${whole}.${frac}0 for the decimal`,
  );

/** Groups of three digits after one to three digits, split by `mark`. */
function isGrouped(digits: string, mark: '.' | ','): boolean {
  const parts = digits.split(mark);
  return parts.length > 1 && /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** One to three digits not starting with 0: what may stand before a thousands group. */
const LEADING_GROUP = /^[1-9]\d{0,2}$/;

function finite(sign: number, whole: string, frac: string, raw: string): ParsedUserNumber {
  const value = sign * Number(frac ? `${whole}.${frac}` : whole);
  if (!Number.isFinite(value)) return notANumber(raw);
  // -0 reads as 0: nobody means a negative zero
  return { ok: true, value: value === 0 ? 0 : value };
}

/** The number a text names, or why it names none. An empty text is `not_a_number`. */
export function parseUserNumber(raw: string, context: UserNumberContext = {}): ParsedUserNumber {
  const text = raw.trim();
  const signed = /^[-+\u2212]/.exec(text);
  const sign = signed && signed[0] !== '+' ? -1 : 1;
  const body = signed ? text.slice(1) : text;
  if (body === '') return notANumber(raw);
  if (/^\d+$/.test(body)) return finite(sign, body, '', raw);
  if (EXPONENT.test(body)) return finite(sign, body, '', raw);

  if (GROUP_SPACE.test(body)) {
    const m = SPACE_GROUPED.exec(body);
    if (!m) return /^[\d.,\s\u00a0\u202f]+$/.test(body) ? badGrouping(raw) : notANumber(raw);
    return finite(sign, m[1]!.replace(/[ \u00a0\u202f]/g, ''), m[3] ?? '', raw);
  }
  if (!/^[\d.,]+$/.test(body) || !/^\d/.test(body) || !/\d$/.test(body)) return notANumber(raw);

  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  if (dots > 0 && commas > 0) {
    // The last mark is the decimal mark; the other one groups the digits before it.
    const decimalMark = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
    const groupMark = decimalMark === ',' ? '.' : ',';
    const at = body.lastIndexOf(decimalMark);
    const whole = body.slice(0, at);
    const frac = body.slice(at + 1);
    if (whole.includes(decimalMark) || !isGrouped(whole, groupMark)) return badGrouping(raw);
    return finite(sign, whole.split(groupMark).join(''), frac, raw);
  }

  const mark = dots > 0 ? '.' : ',';
  const parts = body.split(mark);
  if (parts.length > 2) return isGrouped(body, mark) ? finite(sign, parts.join(''), '', raw) : badGrouping(raw);
  const [whole, frac] = parts as [string, string];
  const couldGroup = frac.length === 3 && LEADING_GROUP.test(whole);
  if (mark === '.') {
    if (couldGroup && context.pointMayBeDecimal && !context.decimalComma) return ambiguousPoint(raw, sign < 0 ? `-${whole}` : whole, frac);
    return couldGroup ? finite(sign, whole + frac, '', raw) : finite(sign, whole, frac, raw);
  }
  if (couldGroup && !context.decimalComma) return ambiguous(raw, sign < 0 ? `-${whole}` : whole, frac);
  return finite(sign, whole, frac, raw);
}

/**
 * A number as text that parseUserNumber reads back as the same number: plain digits, `mark` as the
 * decimal mark, no grouping. Where "1.234" would read as thousands, or "1,234" as ambiguous, a
 * trailing zero settles it ("1.2340", "1,2340").
 */
export function formatUserNumber(n: number, mark: '.' | ',', context: UserNumberContext = {}): string {
  const plain = String(n);
  // exponent form ("1e-7") is read with a point only
  const text = mark === ',' && !/e/i.test(plain) ? plain.replace('.', ',') : plain;
  const back = parseUserNumber(text, context);
  return back.ok && back.value === n ? text : `${text}0`;
}
