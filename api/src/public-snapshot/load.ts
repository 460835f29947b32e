import { createHash } from 'node:crypto';
import type { Database } from '../db/types.ts';
import { asAnon } from '../db/doors.ts';
import type { PublicStatus } from '../contract/public-status.ts';
import type { Versioned } from './cache.ts';
import { shapePublicStatus, type RawPublicStatus } from './shape.ts';
import { toStatuspageSummary } from './summary.ts';
import { plainTextSnapshot } from './plain-text.ts';

/** A ready-to-send answer: its bytes and their ETag. */
export interface CachedBody {
  body: Uint8Array;
  etag: string;
}

/**
 * One org's public page as cached: the snapshot (texts in Markdown, as the static pages render them)
 * and the public answers serialised once (texts as plain text, plain-text.ts).
 */
export interface PublicPage extends Versioned {
  slug: string;
  snapshot: PublicStatus;
  status: CachedBody;
  summary: CachedBody;
}

/** The org's logo as cached. */
export interface PublicLogo extends Versioned {
  contentType: string;
  body: Uint8Array;
  etag: string;
}

/** ETag from the org, the seq and the bytes (a TTL rebuild at the same seq keeps it if nothing moved). */
function etagOf(orgId: string, seq: number, bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
  return `"${orgId.slice(0, 8)}-${seq}-${digest}"`;
}

function serialise(orgId: string, seq: number, value: unknown): CachedBody {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: etagOf(orgId, seq, body) };
}

/** Reads one org's public snapshot through the anonymous door; null for an unknown slug. */
export async function loadPublicPage(
  db: Database,
  slug: string,
  baseUrl: string | undefined,
): Promise<PublicPage | null> {
  const [row] = await asAnon(db, (tx) =>
    tx.query<{ status: RawPublicStatus | null }>('select public.get_public_status($1) as status', [slug]),
  );
  if (!row?.status) return null;
  const snapshot = shapePublicStatus(row.status, baseUrl);
  const orgId = snapshot.organization.id;
  return {
    orgId,
    seq: snapshot.seq,
    slug: snapshot.organization.slug,
    snapshot,
    status: serialise(orgId, snapshot.seq, { data: plainTextSnapshot(snapshot) }),
    summary: serialise(orgId, snapshot.seq, toStatuspageSummary(snapshot, baseUrl)),
  };
}

/** Reads one org's logo through the anonymous door; null for an unknown slug or no logo. */
export async function loadPublicLogo(db: Database, slug: string): Promise<PublicLogo | null> {
  const [row] = await asAnon(db, (tx) =>
    tx.query<{ org_id: string; seq: number | string; content_type: string; bytes: Uint8Array }>(
      'select org_id, seq, content_type, bytes from public.get_public_logo($1)',
      [slug],
    ),
  );
  if (!row) return null;
  const body = new Uint8Array(row.bytes);
  return {
    orgId: row.org_id,
    seq: Number(row.seq),
    contentType: row.content_type,
    body,
    etag: etagOf(row.org_id, 0, body),
  };
}

/** The org's current slug for an old one (a renamed org), null when unknown. */
export async function resolveSlug(db: Database, slug: string): Promise<string | null> {
  const [row] = await asAnon(db, (tx) =>
    tx.query<{ slug: string | null }>('select public.resolve_org_slug($1) as slug', [slug]),
  );
  return row?.slug ?? null;
}
