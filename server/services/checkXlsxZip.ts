/**
 * An uploaded XLSX checked as a zip before exceljs sees it, and laid out so that exceljs never
 * needs a temp file.
 *
 * Why: a 3 MB zip can inflate to gigabytes (a "zip bomb"), and exceljs's streaming reader copies
 * every worksheet that comes before the shared strings in the zip to a temp file, which stays on
 * disk when reading fails. So, from the central directory and without inflating anything to
 * memory: at most MAX_XLSX_PARTS parts, each inflating to at most its limit (checked by inflating
 * and counting, since the sizes a zip declares can lie), everything together at most
 * MAX_XLSX_UNCOMPRESSED_BYTES. Then the parts are written again (their compressed bytes as they
 * are) with the relationships, workbook, shared strings and styles first and the worksheets last,
 * an empty shared-strings part added when the workbook has none.
 */
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../shared/errors';

/** bytes, inflated, of all parts together (a 200,000-row sheet is about 70 MB of XML) */
const MAX_XLSX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;
/** bytes, inflated, of one worksheet */
const MAX_SHEET_BYTES = 160 * 1024 * 1024;
/** bytes, inflated, of the shared strings (every distinct text of the workbook) */
export const MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024;
/** bytes, inflated, of any other part (workbook, styles, relationships) */
const MAX_OTHER_PART_BYTES = 16 * 1024 * 1024;
const MAX_XLSX_PARTS = 2000;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

interface ZipPart {
  name: string;
  /** general purpose flags, without the data-descriptor bit once rewritten */
  flags: number;
  /** 0 stored, 8 deflated */
  method: number;
  time: number;
  date: number;
  crc: number;
  data: Buffer;
  size: number;
}

const unreadable = (why: string) =>
  new AppError(
    'BAD_REQUEST',
    { vi: 'Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel', en: 'Unreadable XLSX file: damaged, or not an Excel workbook' },
    { logMessage: `xlsx zip refused: ${why}` },
  );

const tooLarge = (what: { vi: string; en: string }, limit: number) =>
  new AppError('PAYLOAD_TOO_LARGE', {
    vi: `Tệp XLSX quá lớn khi giải nén: ${what.vi} vượt quá ${Math.round(limit / 1024 / 1024)} MB. Hãy chia thành nhiều tệp, hoặc lưu dạng CSV.`,
    en: `The XLSX file is too large once unzipped: ${what.en} exceeds ${Math.round(limit / 1024 / 1024)} MB. Split it into several files, or save it as CSV.`,
  });

function limitOf(name: string): { limit: number; what: { vi: string; en: string } } {
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) return { limit: MAX_SHEET_BYTES, what: { vi: `trang tính (${name})`, en: `a worksheet (${name})` } };
  if (name === SHARED_STRINGS) return { limit: MAX_SHARED_STRINGS_BYTES, what: { vi: 'phần chữ dùng chung (sharedStrings)', en: 'the shared strings' } };
  return { limit: MAX_OTHER_PART_BYTES, what: { vi: `phần ${name}`, en: `the part ${name}` } };
}

/** Bytes a deflated part inflates to, or 'over' as soon as it passes `limit`. */
function inflatedSize(data: Buffer, limit: number): Promise<number | 'over'> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        resolve('over');
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', reject);
    inflate.end(data);
  });
}

function readParts(body: Buffer): ZipPart[] {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = body.length - 22; i >= Math.max(0, body.length - 22 - 0xffff); i--) {
    if (body.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable('no end of central directory');
  const count = body.readUInt16LE(eocd + 10);
  const directoryOffset = body.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw unreadable('zip64');
  if (count > MAX_XLSX_PARTS) throw tooLarge({ vi: `số phần (${count})`, en: `the number of parts (${count})` }, MAX_XLSX_PARTS);

  const parts: ZipPart[] = [];
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > body.length || body.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw unreadable('bad central directory');
    const flags = body.readUInt16LE(at + 8);
    const method = body.readUInt16LE(at + 10);
    const compressed = body.readUInt32LE(at + 20);
    const size = body.readUInt32LE(at + 24);
    const nameLength = body.readUInt16LE(at + 28);
    const entryLength = 46 + nameLength + body.readUInt16LE(at + 30) + body.readUInt16LE(at + 32);
    const localOffset = body.readUInt32LE(at + 42);
    const name = body.toString('utf8', at + 46, at + 46 + nameLength);
    if (flags & 0x0001) throw unreadable(`encrypted part ${name}`);
    if (method !== 0 && method !== 8) throw unreadable(`compression method ${method} in ${name}`);
    if (compressed === 0xffffffff || size === 0xffffffff) throw unreadable('zip64');
    if (localOffset + 30 > body.length || body.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) throw unreadable(`bad local header of ${name}`);
    const dataStart = localOffset + 30 + body.readUInt16LE(localOffset + 26) + body.readUInt16LE(localOffset + 28);
    if (dataStart + compressed > body.length) throw unreadable(`truncated part ${name}`);
    parts.push({
      name,
      flags: flags & ~0x0008,
      method,
      time: body.readUInt16LE(at + 12),
      date: body.readUInt16LE(at + 14),
      crc: body.readUInt32LE(at + 16),
      data: body.subarray(dataStart, dataStart + compressed),
      size,
    });
    at += entryLength;
  }
  return parts;
}

/** Parts in the order exceljs reads without temp files: everything a worksheet needs, then worksheets. */
function rank(name: string): number {
  const first = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', SHARED_STRINGS, 'xl/styles.xml'];
  const i = first.indexOf(name);
  if (i >= 0) return i;
  return /^xl\/worksheets\/[^/]+\.xml$/.test(name) ? first.length + 1 : first.length;
}

function writeZip(parts: readonly ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIGNATURE, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.flags, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt16LE(p.time, 10);
    local.writeUInt16LE(p.date, 12);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(p.flags, 8);
    central.writeUInt16LE(p.method, 10);
    central.writeUInt16LE(p.time, 12);
    central.writeUInt16LE(p.date, 14);
    central.writeUInt32LE(p.crc, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, p.data);
    directory.push(central, name);
    offset += local.length + name.length + p.data.length;
  }
  const directorySize = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...directory, end]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE), for the shared-strings part added to a workbook without one (and zips built by tests). */
export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The upload, refused when it would inflate past the limits, otherwise rewritten for exceljs's
 * streaming reader (same parts, same compressed bytes, another order).
 */
export async function checkXlsxZip(body: Buffer): Promise<Buffer> {
  const parts = readParts(body);
  let total = 0;
  for (const p of parts) {
    const { limit, what } = limitOf(p.name);
    if (p.size > limit) throw tooLarge(what, limit);
    total += p.size;
    if (total > MAX_XLSX_UNCOMPRESSED_BYTES) throw tooLarge({ vi: 'tổng dung lượng', en: 'the total size' }, MAX_XLSX_UNCOMPRESSED_BYTES);
    // A part that inflates to more than it declares is a lie or damage: either way refused.
    const actual = p.method === 0 ? p.data.length : await inflatedSize(p.data, p.size).catch(() => 'broken' as const);
    if (actual === 'broken') throw unreadable(`cannot inflate ${p.name}`);
    if (actual === 'over' || actual !== p.size) throw unreadable(`${p.name} inflates to other than its declared ${p.size} bytes`);
  }
  if (!parts.some((p) => p.name === 'xl/_rels/workbook.xml.rels') || !parts.some((p) => p.name === 'xl/workbook.xml')) throw unreadable('no workbook');
  if (!parts.some((p) => p.name === SHARED_STRINGS)) {
    parts.push({ name: SHARED_STRINGS, flags: 0, method: 0, time: 0, date: 0x21, crc: crc32(EMPTY_SHARED_STRINGS), data: EMPTY_SHARED_STRINGS, size: EMPTY_SHARED_STRINGS.length });
  }
  const ordered = parts.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p.name) - rank(b.p.name) || a.i - b.i);
  return writeZip(ordered.map((x) => x.p));
}
