import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { samplePng, sampleJpeg, sampleSvg, sampleWebp } from '../../../test/route-matrix/samples.ts';
import { crc32 } from 'node:zlib';

describe('PUT and GET /api/organizations/:orgId/logo', () => {
  let t: TestContext;
  let world: TenantWorld;
  const as = async (user: { id: string; email: string }) => ({
    Authorization: `Bearer ${await t.tokens.sign(user.id, user.email)}`,
  });
  const upload = async (body: Uint8Array | FormData, contentType: string | null, user = world.users.adminA) =>
    t.app.request(`/api/organizations/${world.orgA.id}/logo`, {
      method: 'PUT',
      headers: { ...(await as(user)), ...(contentType ? { 'Content-Type': contentType } : {}) },
      body,
    });
  const download = async (user = world.users.viewerA) =>
    t.app.request(`/api/organizations/${world.orgA.id}/logo`, { headers: await as(user) });

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
  });
  afterAll(() => t.close());

  it('answers 404 before any logo is uploaded', async () => {
    expect((await download()).status).toBe(404);
  });

  it('stores a real PNG, encoded again, with the type found in its bytes', async () => {
    const png = samplePng(16);
    // The declared type is wrong on purpose: the bytes decide.
    const res = await upload(png, 'image/jpeg');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { has_logo: boolean } }).data.has_logo).toBe(true);
    const got = await download();
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const served = Buffer.from(await got.arrayBuffer());
    expect(served.subarray(0, 8)).toEqual(png.subarray(0, 8));
    expect(served.readUInt32BE(16)).toBe(16); // IHDR width: the same image
    expect(served.readUInt32BE(20)).toBe(16);
    const [event] = await t.db.query<{ type: string; payload: { changed: string[] } }>(
      'select type, payload from public.status_events where org_id = $1 order by seq desc limit 1',
      [world.orgA.id],
    );
    expect(event).toMatchObject({ type: 'organization.updated', payload: { changed: ['logo'] } });
  });

  it('accepts JPEG and WebP, and a multipart upload', async () => {
    expect((await upload(sampleJpeg, 'application/octet-stream')).status).toBe(200);
    expect((await download()).headers.get('content-type')).toBe('image/jpeg');
    expect((await upload(sampleWebp, 'image/webp')).status).toBe(200);
    expect((await download()).headers.get('content-type')).toBe('image/webp');
    const form = new FormData();
    form.set('file', new Blob([samplePng(4)], { type: 'image/png' }), 'logo.png');
    expect((await upload(form, null)).status).toBe(200);
    expect((await download()).headers.get('content-type')).toBe('image/png');
  });

  it('refuses SVG and other bytes with 415, whatever the declared type', async () => {
    for (const contentType of ['image/svg+xml', 'image/png']) {
      const res = await upload(sampleSvg, contentType);
      expect(res.status).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    }
    expect((await upload(Buffer.from('GIF89a'), 'image/gif')).status).toBe(415);
    const form = new FormData();
    form.set('file', new Blob([sampleSvg], { type: 'image/svg+xml' }), 'logo.svg');
    expect((await upload(form, null)).status).toBe(415);
    expect((await download()).headers.get('content-type')).toBe('image/png');
  });

  it('serves only the image: bytes after the PNG, and HTML in its place, never come back', async () => {
    const png = samplePng(8);
    const html = Buffer.from('<html><script>alert(document.domain)</script></html>');
    expect((await upload(Buffer.concat([png, html]), 'image/png')).status).toBe(200);
    const served = Buffer.from(await (await download()).arrayBuffer());
    expect(served.includes(Buffer.from('<script'))).toBe(false);
    // A PNG signature with HTML after it is not an image at all.
    const fake = Buffer.concat([png.subarray(0, 8), html]);
    const res = await upload(fake, 'image/png');
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });

  it('refuses a decompression bomb by its declared size, before decoding it', async () => {
    const huge = samplePng(1);
    // IHDR says 40000 × 40000 (the CRC is recomputed so the header itself is valid).
    huge.writeUInt32BE(40_000, 16);
    huge.writeUInt32BE(40_000, 20);
    huge.writeUInt32BE(crc32(huge.subarray(12, 29)), 29);
    const res = await upload(huge, 'image/png');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/pixels/);
  });

  it('scales a large logo down to fit 512 × 512', async () => {
    expect((await upload(samplePng(1024), 'image/png')).status).toBe(200);
    const served = Buffer.from(await (await download()).arrayBuffer());
    expect([served.readUInt32BE(16), served.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('refuses more than 256 KB with 413, and accepts exactly 256 KB', async () => {
    const png = samplePng();
    const padded = (size: number) => Buffer.concat([png, Buffer.alloc(size - png.length)]);
    expect((await upload(padded(256 * 1024 + 1), 'image/png')).status).toBe(413);
    const form = new FormData();
    form.set('file', new Blob([padded(256 * 1024 + 1)]), 'big.png');
    expect((await upload(form, null)).status).toBe(413);
    expect((await upload(padded(256 * 1024), 'image/png')).status).toBe(200);
  });

  it('refuses an empty body and a form without a file with 400', async () => {
    expect((await upload(new Uint8Array(), 'image/png')).status).toBe(400);
    const form = new FormData();
    form.set('other', 'x');
    expect((await upload(form, null)).status).toBe(400);
  });

  it('lets viewers and read keys see the logo but only admins change it', async () => {
    expect((await upload(samplePng(), 'image/png', world.users.memberA)).status).toBe(403);
    expect((await upload(samplePng(), 'image/png', world.users.adminB)).status).toBe(403);
    expect((await download(world.users.adminB)).status).toBe(403);
    const key = await createApiKey(t.db, world.orgA.id, ['read']);
    const res = await t.app.request(`/api/organizations/${world.orgA.id}/logo`, {
      headers: { Authorization: `Bearer ${key.secret}` },
    });
    expect(res.status).toBe(200);
  });
});
