import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { getConfig } from "~/utils/env.server";

/**
 * Prisoner photos: whatever image an organizer uploads is decoded, turned upright, shrunk to
 * fit 800×800 and written again as WebP, so no metadata (EXIF GPS positions, camera serial
 * numbers, editing history) survives. Files live under DATA_DIR/media/prisoners and are named
 * after the prisoner and their content, so they can be cached forever.
 *
 * With several app instances, DATA_DIR/media must be storage they all share.
 */

/** The largest upload accepted, in bytes. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/** Stored photos fit in a square this many pixels wide. */
export const PHOTO_MAX_SIDE = 800;
/** Decoding bombs: nobody needs more than 50 megapixels for an 800-pixel portrait. */
const MAX_INPUT_PIXELS = 50_000_000;
/** Formats accepted as input (never SVG, PDF and the like). */
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "avif", "heif", "tiff"]);

/** `<prisonerId>-<16 hex of the content's SHA-256>.webp`, and nothing else. */
export const PHOTO_FILE_PATTERN = /^[1-9][0-9]{0,9}-[0-9a-f]{16}\.webp$/;

export class NotAnImageError extends Error {
  constructor() {
    super("not an image");
    this.name = "NotAnImageError";
  }
}

export function photoDir(): string {
  return path.join(getConfig().dataDir, "media", "prisoners");
}

export function isPhotoFileName(name: string): boolean {
  return PHOTO_FILE_PATTERN.test(name);
}

/** Re-encodes an upload as a metadata-free, upright WebP of at most 800×800; NotAnImageError otherwise. */
export async function normalizePhoto(input: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  const options = { failOn: "error" as const, limitInputPixels: MAX_INPUT_PIXELS };
  try {
    const meta = await sharp(input, options).metadata();
    if (!meta.format || !ACCEPTED_FORMATS.has(meta.format)) throw new NotAnImageError();
    const { data, info } = await sharp(input, options)
      .rotate()
      .resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof NotAnImageError) throw error;
    // sharp reports unknown formats, truncated files and oversized images alike.
    throw new NotAnImageError();
  }
}

/** Writes a normalized photo (atomically) and returns its file name. */
export async function writePhotoFile(prisonerId: number, webp: Buffer): Promise<string> {
  const digest = createHash("sha256").update(webp).digest("hex").slice(0, 16);
  const name = `${prisonerId}-${digest}.webp`;
  const dir = photoDir();
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  await fs.writeFile(temp, webp);
  await fs.rename(temp, path.join(dir, name));
  return name;
}

/** Removes a stored photo; a missing file is fine (another instance got there first). */
export async function deletePhotoFile(name: string | null | undefined): Promise<void> {
  if (!name || !isPhotoFileName(name)) return;
  try {
    await fs.unlink(path.join(photoDir(), name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      console.warn(`[photos] could not delete ${name}: ${(error as Error).message}`);
    }
  }
}

/** A stored photo's bytes, or null for names that are not ours or files that are gone. */
export async function readPhotoFile(name: string): Promise<Buffer | null> {
  if (!isPhotoFileName(name)) return null;
  try {
    return await fs.readFile(path.join(photoDir(), name));
  } catch {
    return null;
  }
}
