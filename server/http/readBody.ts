import type { IncomingMessage } from 'node:http';
import { AppError } from '../../shared/errors';

/** Reads a request body up to `limitBytes`; a larger one is refused before it fills memory. */
export async function readBodyBytes(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', {
      vi: `Nội dung gửi lên vượt quá ${Math.round(limitBytes / 1e6)} MB`,
      en: `The request body exceeds ${Math.round(limitBytes / 1e6)} MB`,
    });
  if (declared > limitBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The body as UTF-8 text (JSON, CSV). */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  return (await readBodyBytes(req, limitBytes)).toString('utf8');
}
