import { AppError } from '../../errors.ts';

/**
 * Reads a request body of at most `maxBytes`, refusing with 413 as soon as it is longer (by its
 * Content-Length, or while streaming when that is absent or lies), so a huge upload never sits in memory.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new AppError('payload_too_large', `The upload is larger than ${Math.floor(maxBytes / 1024)} KB`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
