// Draws the demo org's logo (a flame on the brand amber) and writes it as a PNG:
//   npx node scripts/generate-demo-logo.ts [out.png]
// No image library: the shapes are implicit functions, supersampled for smooth edges, and the PNG is
// assembled from zlib-deflated scanlines. The output is committed as database/seed/demo-logo.png.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const size = 128;
const samples = 4; // per axis, per pixel

type Rgb = readonly [number, number, number];
const brand: Rgb = [0xd9, 0x77, 0x06];
const flameOuter: Rgb = [0xff, 0xfb, 0xeb];
const flameInner: Rgb = [0xfb, 0xbf, 0x24];

/** Inside a rounded square covering the canvas (corner radius r)? */
function inRoundedSquare(x: number, y: number, r: number): boolean {
  const dx = Math.max(r - x, 0, x - (size - r));
  const dy = Math.max(r - y, 0, y - (size - r));
  return dx * dx + dy * dy <= r * r;
}

/**
 * Inside a flame: a teardrop with its round bottom at (cx, bottom) and its tip at `top`, the tip bent
 * sideways by `lean` pixels (a straight teardrop reads as a water drop).
 */
function inFlame(
  x: number,
  y: number,
  cx: number,
  top: number,
  bottom: number,
  sharpness: number,
  lean: number,
): boolean {
  const v = ((y - top) / (bottom - top)) * 2 - 1; // -1 at the tip, 1 at the bottom
  if (v < -1 || v > 1) return false;
  const t = Math.acos(-v);
  const halfWidth = Math.sin(t) * Math.sin(t / 2) ** sharpness * ((bottom - top) / 2);
  const centre = cx + lean * ((1 - v) / 2) ** 3;
  return Math.abs(x - centre) <= halfWidth;
}

/** The colour of one sample point, or null outside the logo (transparent). */
function colourAt(x: number, y: number): Rgb | null {
  if (!inRoundedSquare(x, y, 26)) return null;
  if (inFlame(x, y, 64, 50, 104, 1.6, 5)) return flameInner;
  if (inFlame(x, y, 63, 16, 110, 1.5, 12)) return flameOuter;
  return brand;
}

/** RGBA pixels, averaged over samples×samples points per pixel. */
function render(): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0)
        pixels.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / samples ** 2) * 255)], o);
    }
  }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG file (8-bit RGBA, no interlace) of a size×size pixel buffer. */
export function encodePng(pixels: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1)); // each scanline starts with filter byte 0
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = process.argv[2] ?? fileURLToPath(new URL('../database/seed/demo-logo.png', import.meta.url));
writeFileSync(out, encodePng(render()));
console.log(`wrote ${out}`);
