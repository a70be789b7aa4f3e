/**
 * Sends the chosen file again to be checked and saves what comes back: every problem of the file
 * with its row, as CSV or XLSX (a preview shows the first 1,000). Rejects with an UploadError
 * carrying the server's message.
 */
import { csrfHeader } from '../providers/csrfHeader';
import { contentTypeOf, UploadError } from './uploadFile';

export async function downloadProblems(file: File, format: 'csv' | 'xlsx'): Promise<void> {
  const res = await fetch(`/api/v1/imports/problems?format=${format}`, {
    method: 'POST',
    headers: { 'content-type': contentTypeOf(file), 'x-file-name': encodeURIComponent(file.name), ...csrfHeader() },
    body: file,
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: { vi: string; en: string } } } | null;
    throw new UploadError(res.status, body?.error?.message ?? null, null);
  }
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = `${file.name.replace(/\.[^.]*$/, '')}-loi.${format}`;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // the click has started the download; the URL is no longer needed
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
