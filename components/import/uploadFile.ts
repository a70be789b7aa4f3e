/**
 * Sends a file as the raw body of a POST with XMLHttpRequest, whose upload events give a real
 * progress bar (fetch has none for request bodies). Authenticated by the session cookie plus the
 * CSRF header. Resolves with the JSON answer; rejects with an UploadError carrying the server's
 * message (and the rows it names) or a network failure.
 */
import type { LocalizedText, RowProblem } from '../../shared/errors';
import { csrfHeader } from '../providers/csrfHeader';

export type UploadPhase = { phase: 'uploading'; loaded: number; total: number } | { phase: 'processing' };

export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly userMessage: LocalizedText | null,
    /** the body's `rows` (shared/errors.ts RowProblem) */
    readonly rows: RowProblem[] | null,
  ) {
    super(userMessage?.en ?? `upload failed with status ${status}`);
    this.name = 'UploadError';
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** By the extension: browsers name a CSV's type inconsistently (text/csv, application/vnd.ms-excel, nothing). */
export function contentTypeOf(file: File): string {
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  return file.type || 'application/octet-stream';
}

export function uploadFile<T>(url: string, file: File, onProgress: (p: UploadPhase) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', contentTypeOf(file));
    // Header values must be ASCII: Vietnamese file names travel URI-encoded.
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    for (const [name, value] of Object.entries(csrfHeader())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress({ phase: 'uploading', loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    // The file is sent; the server now reads and checks it.
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onerror = () => reject(new UploadError(0, null, null));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page, say
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const error = (body as { error?: { message?: LocalizedText; rows?: RowProblem[] } } | null)?.error;
      reject(new UploadError(xhr.status, error?.message ?? null, error?.rows ?? null));
    };
    onProgress({ phase: 'uploading', loaded: 0, total: file.size });
    xhr.send(file);
  });
}
