/**
 * Fetches an export and saves it, reading the body as it streams so the page can show progress:
 * the server announces the rows (`X-Export-Rows`) and an estimate of the bytes
 * (`X-Export-Bytes-Estimate`); the bar follows the bytes read, and never claims 100 % before the
 * last byte. The file name is the server's (Content-Disposition).
 */
export type ExportFileFormat = 'csv' | 'xlsx' | 'png' | 'pdf';

export interface ExportProgress {
  /** rows the file holds, as the server announced them */
  rows: number;
  /** 0–1 */
  fraction: number;
}

export class ExportDownloadError extends Error {
  constructor(
    readonly status: number,
    readonly userMessage: { vi: string; en: string } | undefined,
  ) {
    super(userMessage?.en ?? `HTTP ${status}`);
  }
}

export function exportUrl(view: string, params: Readonly<Record<string, string | null | undefined>>, format: ExportFileFormat, lang: string): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') search.set(key, value);
  search.set('format', format);
  search.set('lang', lang);
  return `/api/export/${view}?${search.toString()}`;
}

function fileNameOf(res: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/** Downloads `url` into a file the browser saves; returns its name. */
export async function downloadExport(url: string, onProgress: (p: ExportProgress) => void, signal: AbortSignal): Promise<string> {
  const res = await fetch(url, { credentials: 'same-origin', signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: { vi: string; en: string } } } | undefined;
    throw new ExportDownloadError(res.status, body?.error?.message);
  }
  const rows = Number(res.headers.get('x-export-rows') ?? 0);
  const estimate = Number(res.headers.get('x-export-bytes-estimate') ?? 0);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = res.body!.getReader();
  onProgress({ rows, fraction: 0 });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    // the estimate may be short: the bar slows near its end instead of stopping at 100 %
    onProgress({ rows, fraction: estimate > 0 ? Math.min(0.99, received / Math.max(estimate, received * 1.02)) : 0 });
  }
  onProgress({ rows, fraction: 1 });
  const name = fileNameOf(res, url.split('?')[0]!.split('/').pop() ?? 'export');
  const href = URL.createObjectURL(new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the browser has taken the file once the click's task has run
  setTimeout(() => URL.revokeObjectURL(href), 0);
  return name;
}
