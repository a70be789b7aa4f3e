/**
 * A refused save as the forms need it: the AppError code (CONFLICT asks for a reload), the user
 * message, and each bad field keyed `<kpiId>.<input>` as the server names it (see shared/errors.ts
 * and the errorFormatter in server/trpc/init.ts).
 */
import { TRPCClientError } from '@trpc/client';
import type { LocalizedText, RowProblem } from './errors';

export interface ServerProblem {
  code: string | null;
  message: LocalizedText | null;
  rows: RowProblem[];
}

export function serverProblem(error: unknown): ServerProblem {
  if (error instanceof TRPCClientError) {
    const appError = (error.data as { appError?: { code?: string; message?: LocalizedText; rows?: RowProblem[] | null } | null } | undefined)?.appError;
    if (appError) return { code: appError.code ?? null, message: appError.message ?? null, rows: appError.rows ?? [] };
  }
  return { code: null, message: null, rows: [] };
}

/**
 * The field keys of a refusal's rows. `kpiOfRow(index)` names the KPI of the row the server
 * numbered (the order of the entries sent), for problems that name no KPI themselves.
 */
export function fieldErrorsOf(rows: readonly RowProblem[], kpiOfRow: (index: number) => string | undefined): Record<string, LocalizedText> {
  const out: Record<string, LocalizedText> = {};
  for (const row of rows) {
    const dot = row.field.indexOf('.');
    const key = dot > 0 ? row.field : `${kpiOfRow(row.index) ?? ''}.${row.field}`;
    out[key] ??= row.message;
  }
  return out;
}
