import fc from 'fast-check';

/**
 * fast-check arbitraries for hostile request bodies (write-routes.property.test.ts). Each mutation
 * starts from a route's valid body (from the route matrix), so some reach the handler and the
 * database rather than stopping at the first validation error.
 */

/** Strings that break naive code: lone surrogates, bidi overrides, zero-width, NUL, injection look-alikes. */
const nastyPieces = [
  '\uD800',
  '\uDFFF',
  'x\uDBFF',
  '\u202Eevil\u202C',
  '\u200F\u05E9\u05DC\u05D5\u05DD',
  '\u200B\u200C\u200D\uFEFF',
  'a\u0000b',
  '\u0000',
  'Z\u0336\u0337\u0338\u0489',
  '\u{1F3F3}\uFE0F\u200D\u{1F308}',
  '\u{10FFFF}',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '../../etc/passwd',
  '%00',
  '${jndi:ldap://x}',
  '__proto__',
  '',
  ' ',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...nastyPieces),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.tuple(fc.constantFrom(...nastyPieces), fc.string({ maxLength: 16 })).map(([a, b]) => a + b + a),
  // Huge: past every documented maximum, and sometimes past the 1 MiB body cap.
  fc.integer({ min: 5_000, max: 1_100_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => '\u200B'.repeat(n)),
);

/** A value of the wrong type (or a right type out of range) for any field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2, -1, 1000001, '2026-13-45', '0001-01-01T00:00:00Z'),
  fc.constantFrom('99999-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'NaN', '1e999'),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
  hostileString,
);

/** Fields a client must never be able to set (mass assignment). */
export const massAssignmentFields = ['org_id', 'id', 'role', 'created_by', 'key_hash', 'user_id'] as const;
export type MassField = (typeof massAssignmentFields)[number];

export type Mutation =
  | { kind: 'raw'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'value'; value: unknown }
  | { kind: 'field'; pick: number; value: unknown }
  | { kind: 'strings'; value: string }
  | { kind: 'extra'; extra: Record<string, unknown>; mass: MassField[] }
  | { kind: 'mass'; mass: MassField[] };

const brokenJson = fc.oneof(
  fc.constantFrom('{"a":', '{', '[', 'nul', '{"a":1}}', '\uFEFF{}', '{"a":1,"a":2}', '{"x":"\\ud800"}'),
  fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '1'.repeat(400)),
  fc.json({ maxDepth: 3 }).map((text) => text.slice(0, Math.max(1, text.length - 1))),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** One hostile change to a valid request. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('raw' as const), text: brokenJson }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 64 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('value' as const), value: fc.jsonValue({ maxDepth: 3 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('field' as const), pick: fc.nat(), value: wrongValue }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('strings' as const), value: hostileString }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      extra: fc.dictionary(fc.string({ unit: 'binary', maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
      mass: fc.subarray([...massAssignmentFields]),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('mass' as const),
      mass: fc.subarray([...massAssignmentFields], { minLength: 1 }),
    }),
    weight: 3,
  },
);

/** Replaces every string inside `value` with `replacement` (keys kept). */
function replaceStrings(value: unknown, replacement: string): unknown {
  if (typeof value === 'string') return replacement;
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, replacement));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, replacement)]));
  return value;
}

/**
 * The body to send: `valid` (the route's valid JSON body, `undefined` for bodiless routes) changed by
 * `m`; `massValues` are the markers mass-assignment fields carry (checked afterwards).
 */
export function applyMutation(
  valid: unknown,
  m: Mutation,
  massValues: Record<MassField, string>,
): { body: string | Uint8Array; injected: MassField[] } {
  const base: Record<string, unknown> =
    valid && typeof valid === 'object' && !Array.isArray(valid) ? { ...(valid as Record<string, unknown>) } : {};
  // A field the route really takes (a member's `role`) is the route's own business, not an injection.
  const own = (mass: MassField[]) => mass.filter((f) => !(f in base));
  const withMass = (mass: MassField[]) => Object.fromEntries(own(mass).map((f) => [f, massValues[f]]));
  switch (m.kind) {
    case 'raw':
      return { body: m.text, injected: [] };
    case 'bytes':
      return { body: m.bytes, injected: [] };
    case 'value':
      return { body: JSON.stringify(m.value) ?? 'null', injected: [] };
    case 'field': {
      const keys = Object.keys(base);
      const key = keys.length ? keys[m.pick % keys.length]! : 'name';
      return { body: JSON.stringify({ ...base, [key]: m.value }), injected: [] };
    }
    case 'strings':
      return { body: JSON.stringify(replaceStrings(base, m.value)), injected: [] };
    case 'extra':
      return { body: JSON.stringify({ ...m.extra, ...base, ...withMass(m.mass) }), injected: own(m.mass) };
    case 'mass':
      return { body: JSON.stringify({ ...base, ...withMass(m.mass) }), injected: own(m.mass) };
  }
}
