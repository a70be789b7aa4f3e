/** A Node request's headers as a Fetch `Headers` (repeated headers joined as Fetch joins them). */
import type { IncomingHttpHeaders } from 'node:http';

export function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}
