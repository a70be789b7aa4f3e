/**
 * tRPC answers compressed (server/http/compressResponse.ts): the encoding chosen from
 * Accept-Encoding, a body written in chunks arrives whole once decoded, and a client that accepts
 * nothing, a HEAD request or a bodyless status gets the body as it was.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse } from '../../server/http/compressResponse';

describe('chooseEncoding', () => {
  it('prefers Brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding('gzip;q=0')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});

describe('compressResponse', () => {
  const body = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ kpiId: 'dossiers_on_time', orgUnitId: i, value: i / 7 })));
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      compressResponse(req, res);
      if (req.url === '/empty') {
        res.statusCode = 204;
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.setHeader('vary', 'trpc-accept, accept'); // as tRPC does, after the wrapper
      // as tRPC's adapter writes: chunks, a flush after each, then end()
      const half = Math.floor(body.length / 2);
      res.write(body.slice(0, half));
      (res as http.ServerResponse & { flush?: () => void }).flush?.();
      res.write(Buffer.from(body.slice(half)));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The raw bytes and headers of a response (no automatic decoding). */
  const fetchRaw = (path: string, acceptEncoding: string | undefined, method = 'GET') =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
      const req = http.request(`${base}${path}`, { method, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('sends Brotli to a browser that accepts it, smaller and whole', async () => {
    const res = await fetchRaw('/', 'gzip, deflate, br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('trpc-accept, accept, Accept-Encoding');
    expect(res.bytes.length).toBeLessThan(body.length / 4);
    expect(zlib.brotliDecompressSync(res.bytes).toString()).toBe(body);
  });

  it('sends gzip when Brotli is not accepted', async () => {
    const res = await fetchRaw('/', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(res.bytes).toString()).toBe(body);
  });

  it('sends the body as it is to a client that accepts no encoding', async () => {
    const res = await fetchRaw('/', undefined);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.bytes.toString()).toBe(body);
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
  });

  it('leaves bodyless answers and HEAD alone', async () => {
    const empty = await fetchRaw('/empty', 'br');
    expect(empty.status).toBe(204);
    expect(empty.headers['content-encoding']).toBeUndefined();
    const head = await fetchRaw('/', 'br', 'HEAD');
    expect(head.headers['content-encoding']).toBeUndefined();
  });
});
