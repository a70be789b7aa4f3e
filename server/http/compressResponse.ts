/**
 * Compresses a response (Brotli, else gzip) when the client accepts it: tRPC's JSON is repetitive
 * (an overview load is about 100 KB as text, a sixth of that compressed). Wraps the response's
 * write, end and flush, as the tRPC adapter calls them; the adapter's flush after each chunk keeps
 * a streamed answer streaming.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

/**
 * The encoding to answer with for an Accept-Encoding header, or undefined for none: Brotli when
 * accepted, else gzip; `q=0` refuses one.
 */
export function chooseEncoding(acceptEncoding: string | undefined): ContentEncoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    if (name) accepted.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: ContentEncoding) => accepted.get(name) ?? (accepted.get('*') ?? 0);
  if (weightOf('br') > 0) return 'br';
  if (weightOf('gzip') > 0) return 'gzip';
  return undefined;
}

/**
 * Brotli at quality 4: within a few percent of the best ratio on this JSON at a fraction of the
 * CPU (the default, 11, is for files compressed once).
 */
function compressor(encoding: ContentEncoding): zlib.BrotliCompress | zlib.Gzip {
  return encoding === 'br'
    ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } })
    : zlib.createGzip({ level: 6 });
}

type WriteArgs = [chunk: unknown, encodingOrCallback?: BufferEncoding | ((err?: Error | null) => void), callback?: (err?: Error | null) => void];

/**
 * From now on, what is written to `res` goes out compressed when the request accepts it (and the
 * response has a body and is not encoded already).
 */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void {
  const encoding = req.method === 'HEAD' ? undefined : chooseEncoding(req.headers['accept-encoding']);

  const write = res.write.bind(res) as (...args: WriteArgs) => boolean;
  const end = res.end.bind(res) as (...args: Partial<WriteArgs>) => ServerResponse;
  let stream: zlib.BrotliCompress | zlib.Gzip | null | undefined; // undefined: not decided; null: sent as is

  const decide = (): zlib.BrotliCompress | zlib.Gzip | null => {
    if (stream !== undefined) return stream;
    // the answer depends on Accept-Encoding, compressed or not (added to what tRPC says it varies on)
    if (!res.headersSent) addVary(res, 'Accept-Encoding');
    if (!encoding) return (stream = null);
    const bodyless = res.statusCode === 204 || res.statusCode === 304;
    if (bodyless || res.getHeader('content-encoding') !== undefined || res.headersSent) return (stream = null);
    res.setHeader('content-encoding', encoding);
    res.removeHeader('content-length');
    const s = compressor(encoding);
    s.on('data', (chunk: Buffer) => {
      // the socket is full: hold the compressor until it drains
      if (!write(chunk)) s.pause();
    });
    res.on('drain', () => s.resume());
    s.on('end', () => end());
    s.on('error', (err) => res.destroy(err));
    return (stream = s);
  };

  // The compressor buffers what it is given: the answers here are bounded (a tRPC response of a
  // few hundred KB at most), and the socket's back-pressure holds the compressor's output above.
  res.write = ((...[chunk, encodingOrCallback, callback]: WriteArgs) => {
    const s = decide();
    if (!s) return write(chunk, encodingOrCallback, callback);
    const cb = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const chunkEncoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
    s.write(chunk, chunkEncoding ?? 'utf8', cb);
    return true;
  }) as ServerResponse['write'];

  res.end = ((...[chunk, encodingOrCallback, callback]: Partial<WriteArgs>) => {
    const s = decide();
    if (!s) return end(chunk, encodingOrCallback, callback);
    const cb = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const chunkEncoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : 'utf8';
    if (chunk !== undefined && chunk !== null) s.end(chunk, chunkEncoding, cb);
    else s.end(cb);
    return res;
  }) as ServerResponse['end'];

  // tRPC's adapter flushes after each chunk it writes (a streamed answer must not wait in the compressor)
  (res as ServerResponse & { flush?: () => void }).flush = () => stream?.flush();
}

/** Adds a request header to the response's Vary, keeping what is there. */
function addVary(res: ServerResponse, header: string): void {
  const current = res.getHeader('vary');
  const names = (Array.isArray(current) ? current.join(',') : String(current ?? '')).split(',').map((n) => n.trim()).filter(Boolean);
  if (names.some((n) => n === '*' || n.toLowerCase() === header.toLowerCase())) return;
  res.setHeader('vary', [...names, header].join(', '));
}
