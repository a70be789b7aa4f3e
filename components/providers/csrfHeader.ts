/** The CSRF cookie echoed in a header on every request that changes data (double submit; see server/auth/sessions.ts). */
export function csrfHeader(): Record<string, string> {
  const match = /(?:^|;\s*)lt_csrf=([^;]+)/.exec(document.cookie);
  return match ? { 'x-csrf-token': decodeURIComponent(match[1]!) } : {};
}
