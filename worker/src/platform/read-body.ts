/** A request body read up to a byte cap: all of it, or what was read before reading stopped. */
export type CappedBody = { over: false; bytes: Uint8Array } | { over: true; bytes: Uint8Array; declared: number | null };

/**
 * Reads a request body but never more than `limit` bytes (hono's bodyLimit does the same, but
 * neither cancels the stream nor keeps what was read): a declared Content-Length over the limit is
 * refused unread; a chunked body is read chunk by chunk and the stream cancelled as soon as it
 * passes the limit, so a body that never ends costs at most `limit` plus one chunk of memory.
 */
export async function readBodyCapped(request: Request, limit: number): Promise<CappedBody> {
  const declaredHeader = request.headers.get('content-length');
  const declared = declaredHeader !== null && /^\d+$/.test(declaredHeader.trim()) ? Number(declaredHeader) : null;
  if (!request.body) return { over: false, bytes: new Uint8Array(0) };
  if (declared !== null && declared > limit) {
    await request.body.cancel().catch(() => undefined);
    return { over: true, bytes: new Uint8Array(0), declared };
  }
  const reader = request.body.getReader();
  let buffer: Uint8Array = new Uint8Array(Math.min(declared ?? 16 * 1024, limit));
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer);
    if (size + chunk.length > limit) {
      const room = limit - size;
      if (buffer.length < limit) buffer = grow(buffer, size, limit);
      buffer.set(chunk.subarray(0, room), size);
      await reader.cancel().catch(() => undefined);
      return { over: true, bytes: buffer.subarray(0, limit), declared };
    }
    if (size + chunk.length > buffer.length) buffer = grow(buffer, size, Math.min(limit, Math.max(size + chunk.length, buffer.length * 2)));
    buffer.set(chunk, size);
    size += chunk.length;
  }
  return { over: false, bytes: buffer.subarray(0, size) };
}

function grow(buffer: Uint8Array, used: number, length: number): Uint8Array {
  const grown = new Uint8Array(length);
  grown.set(buffer.subarray(0, used));
  return grown;
}
