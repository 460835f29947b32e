import { AppError } from '../../errors.ts';
import type { LogoType } from './image-type.ts';
import type Sharp from 'sharp';

/** The most pixels an uploaded logo may declare: 4096 × 4096 (a decompression bomb declares far more). */
export const maxLogoPixels = 4096 * 4096;
/** Logos are shown at most a few hundred pixels wide; what is stored fits this square. */
export const logoMaxSide = 512;

// sharp (libvips) loads only when a logo is uploaded: the embedded default's idle memory stays as it
// is for the many instances that never change their logo.
let sharpModule: Promise<typeof Sharp> | undefined;
function loadSharp() {
  return (sharpModule ??= import('sharp').then(({ default: sharp }) => {
    // One image at a time and no cache: an upload is rare, memory on a small machine is not.
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  }));
}

/**
 * Decodes an uploaded logo and encodes it again, so what is stored and served is only an image: a
 * PNG signature followed by HTML, trailing bytes, metadata (EXIF, comments, GPS) and anything else a
 * decoder ignores are gone. The declared size is checked before decoding (no decompression bombs),
 * the orientation is applied and the image is scaled down to fit `logoMaxSide`. The format stays
 * what was uploaded (PNG, JPEG or WebP).
 */
export async function reencodeLogo(bytes: Uint8Array, type: LogoType): Promise<Uint8Array> {
  const sharp = await loadSharp();
  try {
    const image = sharp(bytes, { limitInputPixels: maxLogoPixels, failOn: 'error', sequentialRead: true });
    const { width = 0, height = 0 } = await image.metadata();
    if (width * height > maxLogoPixels) throw tooManyPixels(width, height);
    const resized = image
      .rotate()
      .resize({ width: logoMaxSide, height: logoMaxSide, fit: 'inside', withoutEnlargement: true });
    const encoded =
      type === 'image/png'
        ? resized.png({ compressionLevel: 9 })
        : type === 'image/jpeg'
          ? resized.jpeg({ quality: 90, mozjpeg: true })
          : resized.webp({ quality: 90 });
    return new Uint8Array(await encoded.toBuffer());
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(message)) throw tooManyPixels();
    throw new AppError(
      'unsupported_media_type',
      'The logo could not be read as an image: upload a PNG, JPEG or WebP file',
    );
  }
}

function tooManyPixels(width?: number, height?: number): AppError {
  const size = width && height ? ` (this one is ${width} × ${height})` : '';
  return new AppError('unprocessable', `The logo may have at most ${maxLogoPixels} pixels, e.g. 4096 × 4096${size}`);
}
