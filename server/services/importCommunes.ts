/**
 * Replaces the commune level with an official list (CSV: code,name,provinceCode,kind). Units keep
 * their id — and all data attached to them — when their code is unchanged; communes missing from
 * the list are deactivated, never deleted, so their history stays. All or nothing.
 */
import Papa from 'papaparse';
import type { AppContext } from '../appContext';
import { deactivateCommunesExcept, upsertOrgUnits, type OrgUnitUpsert } from '../db/queries/orgUnits';
import { AppError, type RowProblem } from '../errors';

export const KINDS = ['commune', 'ward', 'special_zone'] as const;
export const HEADER = ['code', 'name', 'provinceCode', 'kind'] as const;

export interface CommuneImportResult {
  created: number;
  updated: number;
  deactivated: number;
}


export async function importCommunes(app: AppContext, csv: string): Promise<CommuneImportResult> {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const missing = HEADER.filter((h) => !(parsed.meta.fields ?? []).includes(h));
  if (missing.length > 0) {
    throw new AppError('BAD_REQUEST', {
      vi: `Tệp CSV phải có các cột ${HEADER.join(', ')}; thiếu: ${missing.join(', ')}`,
      en: `The CSV must have the columns ${HEADER.join(', ')}; missing: ${missing.join(', ')}`,
    });
  }
  const tree = app.orgUnits();
  const errors: RowProblem[] = [];
  const seen = new Map<string, number>();
  const units: OrgUnitUpsert[] = [];
  parsed.data.forEach((row, i) => {
    const line = i + 2; // the header is line 1
    const fail = (field: string, vi: string, en: string) =>
      errors.push({ index: i, field, code: 'invalid', message: { vi: `Dòng ${line}: ${vi}`, en: `Line ${line}: ${en}` } });
    const code = (row.code ?? '').trim();
    const name = (row.name ?? '').trim();
    const provinceCode = (row.provinceCode ?? '').trim();
    const kind = (row.kind ?? '').trim();
    if (!/^[A-Za-z0-9]{1,12}$/.test(code)) fail('code', 'Mã đơn vị phải gồm 1–12 chữ hoặc số', 'Code must be 1–12 letters or digits');
    else if (seen.has(code)) fail('code', `Mã ${code} trùng với dòng ${seen.get(code)}`, `Code ${code} repeats line ${seen.get(code)}`);
    else seen.set(code, line);
    if (name.length === 0 || name.length > 200) fail('name', 'Tên đơn vị không được để trống (tối đa 200 ký tự)', 'Name must not be empty (200 characters at most)');
    const province = tree.byCodeOrUndefined(provinceCode);
    if (!province || province.level !== 'province') fail('provinceCode', `Không có tỉnh/thành phố mã «${provinceCode}»`, `No provincial unit "${provinceCode}"`);
    const existing = tree.byCodeOrUndefined(code);
    if (existing && existing.level !== 'commune') fail('code', `Mã ${code} đã dùng cho ${existing.name}`, `Code ${code} belongs to ${existing.name}`);
    if (!(KINDS as readonly string[]).includes(kind)) fail('kind', `Loại đơn vị phải là một trong: ${KINDS.join(', ')}`, `Kind must be one of: ${KINDS.join(', ')}`);
    units.push({ code, name, level: 'commune', kind: kind as (typeof KINDS)[number], parentCode: provinceCode, region: province?.region ?? null, synthetic: false });
  });
  if (units.length === 0) errors.push({ index: 0, field: 'row', code: 'empty', message: { vi: 'Tệp không có dòng dữ liệu nào', en: 'The file has no data rows' } });
  if (errors.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      { vi: `Danh sách bị từ chối: ${errors.length} lỗi; không có thay đổi nào`, en: `List refused: ${errors.length} error(s); nothing changed` },
      { rowErrors: errors },
    );
  }

  const created = units.filter((u) => !tree.byCodeOrUndefined(u.code)).length;
  const deactivated = await app.db.transaction(async (tx) => {
    await upsertOrgUnits(tx, units);
    return deactivateCommunesExcept(tx, units.map((u) => u.code));
  });
  await app.reloadOrgUnits();
  return { created, updated: units.length - created, deactivated };
}
