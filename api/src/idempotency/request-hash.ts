import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The fingerprint a key is bound to: method, path with query, and the body (canonical JSON when it
 * parses, else the raw text). Whitespace and key order do not make a different request.
 */
export function hashRequest(method: string, pathWithQuery: string, body: string): string {
  let normalized = body;
  if (body.trim() !== '') {
    try {
      normalized = canonicalJson(JSON.parse(body));
    } catch {
      // Not JSON: the raw bytes are the request.
    }
  }
  return createHash('sha256').update(`${method.toUpperCase()} ${pathWithQuery}\n${normalized}`).digest('hex');
}
