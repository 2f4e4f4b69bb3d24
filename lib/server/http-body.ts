/**
 * Reading a JSON request body without trusting it: the size is bounded before anything is
 * parsed (413), the text must be UTF-8 JSON, and the value must match a compiled schema (400).
 */
import 'server-only';
import type { Static, TSchema } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import { json } from './request-auth';

/** Far above any form this API takes (a note is 1,000 characters); far below what hurts. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

const tooLarge = (max: number) => json({ error: `request body over ${max} bytes` }, 413);

export async function readJsonBody<T extends TSchema>(
  request: Request,
  schema: TypeCheck<T>,
  maxBytes = MAX_JSON_BODY_BYTES,
): Promise<Static<T> | Response> {
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
    return json({ error: 'expected Content-Type: application/json' }, 415);
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return tooLarge(maxBytes);
  if (!request.body) return json({ error: 'expected a JSON body' }, 400);

  // Read only as far as the limit, whatever Content-Length said (or did not say).
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    return json({ error: 'the body is not UTF-8 JSON' }, 400);
  }
  if (!schema.Check(value)) {
    const first = schema.Errors(value).First();
    return json({ error: first ? `${first.path || 'body'}: ${first.message}` : 'invalid body' }, 400);
  }
  return value;
}
