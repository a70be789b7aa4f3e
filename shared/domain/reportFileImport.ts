/**
 * What POST /api/v1/imports/preview and /commit answer (server/services/bulkReports.ts): the wire
 * contract of the bulk upload, read by the import page. Plain HTTP routes, not tRPC, so the types
 * live here rather than being read off the router.
 */
import type { RowProblem } from '../errors';
import type { ReportFileColumn } from './validateReportRows';

export interface ImportPreview {
  /** data rows in the file */
  rows: number;
  /** rows without any problem */
  valid: number;
  /** the first problems, in file order */
  errors: Array<RowProblem<ReportFileColumn | 'row'>>;
  /** all problems, listed or not */
  errorCount: number;
  /** distinct KPIs, units and periods among the rows that can be read */
  kpis: number;
  units: number;
  periods: number;
  /** existing drafts or submissions the file would replace */
  replacing: number;
}

export interface ImportResult {
  rows: number;
  /** reports created */
  inserted: number;
  /** drafts and earlier submissions replaced */
  updated: number;
  batchId: number;
  /** measurements that replaced an earlier value (kept in measurement_revision) */
  replacedMeasurements: number;
  kpis: number;
  units: number;
  periods: number;
}
