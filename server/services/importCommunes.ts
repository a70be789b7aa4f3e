/**
 * Replaces the commune level with an official list (CSV: code,name,provinceCode,kind). Units keep
 * their id — and all data attached to them — when their code is unchanged; communes missing from
 * the list are deactivated, never deleted, so their history stays, and a later list that names
 * them again reactivates them (the answer lists the codes deactivated, to undo a mistake). A list
 * that would deactivate more than MAX_SILENT_DEACTIVATION_SHARE of the active communes (a
 * truncated file, one province's list) is refused unless the caller confirms the exact count.
 * All or nothing.
 */
import Papa from 'papaparse';
import type { AppContext } from '../appContext';
import { countActiveCommunes, deactivateCommunesExcept, upsertOrgUnits, type OrgUnitUpsert } from '../db/queries/orgUnits';
import { hasControlCharacter } from '../../shared/domain/validateMeasurementBatch';
import { AppError, type RowProblem } from '../../shared/errors';

export const KINDS = ['commune', 'ward', 'special_zone'] as const;
export const HEADER = ['code', 'name', 'provinceCode', 'kind'] as const;

/** a list may deactivate up to this share of the active communes without a confirmed count */
export const MAX_SILENT_DEACTIVATION_SHARE = 0.05;

export interface CommuneImportResult {
  created: number;
  updated: number;
  deactivated: number;
  /** the communes deactivated; a list naming them again brings them back */
  deactivatedCodes: string[];
}

export interface CommuneImportOptions {
  /** the number of communes the caller expects the list to deactivate, to confirm a large replacement */
  confirmDeactivations?: number;
}

export async function importCommunes(app: AppContext, csv: string, options: CommuneImportOptions = {}): Promise<CommuneImportResult> {
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
    for (const field of HEADER) {
      if (hasControlCharacter(row[field] ?? '')) fail(field, `Cột ${field} chứa ký tự điều khiển (như NUL)`, `Column ${field} holds a control character (such as NUL)`);
    }
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
  // Counted inside the transaction, so the check and the change see the same list; a refusal rolls both back.
  const deactivatedCodes = await app.db.transaction(async (tx) => {
    const activeBefore = await countActiveCommunes(tx);
    await upsertOrgUnits(tx, units);
    const codes = await deactivateCommunesExcept(tx, units.map((u) => u.code));
    refuseUnconfirmedDeactivation(codes.length, activeBefore, options.confirmDeactivations);
    return codes;
  });
  try {
    await app.reloadOrgUnits();
  } catch (err) {
    // The list is committed: the answer says so. The tree is reloaded on the next import or start.
    console.error('[org-units] the list was replaced, but reloading the tree failed:', err);
  }
  return { created, updated: units.length - created, deactivated: deactivatedCodes.length, deactivatedCodes };
}

function refuseUnconfirmedDeactivation(count: number, activeBefore: number, confirmed: number | undefined): void {
  if (confirmed === undefined ? count <= activeBefore * MAX_SILENT_DEACTIVATION_SHARE : confirmed === count) return;
  const again = `confirmDeactivations=${count}`;
  throw new AppError(
    'CONFLICT',
    confirmed === undefined
      ? {
          vi: `Danh sách này sẽ ngừng hoạt động ${count} trong ${activeBefore} xã đang hoạt động; nếu đúng là thay toàn bộ, gửi lại với ?${again}. Không có thay đổi nào`,
          en: `This list would deactivate ${count} of the ${activeBefore} active communes; if you mean to replace them all, send it again with ?${again}. Nothing changed`,
        }
      : {
          vi: `Đã xác nhận ngừng hoạt động ${confirmed} xã nhưng danh sách này ngừng ${count}; kiểm tra lại rồi gửi với ?${again}. Không có thay đổi nào`,
          en: `You confirmed ${confirmed} deactivations but this list makes ${count}; check it, then send it with ?${again}. Nothing changed`,
        },
  );
}
