import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { insertAudit } from "~/models/audit.server";
import { lockPrisonerPhoto, photoInUse, setPrisonerPhoto } from "~/models/prisoner-editing.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import type { PrisonerAccess } from "./prisoner-access.server";
import { clearPageCache } from "./public-pages.server";

/**
 * Prisoner photos: uploading, removing and serving them. Whatever image an organizer uploads is decoded, turned upright, shrunk to
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

// ---------------------------------------------------------------------------------------
// Operations

/** An uploaded file as the route read it off the multipart form. */
export interface PhotoUpload {
  bytes: Uint8Array;
  /** The size the browser declared (the part's size); the bytes are checked too. */
  size: number;
  /** The type the browser declared; not trusted: the content decides (see normalizePhoto). */
  type: string;
}

/** Error codes of the photo field, translated under orgPrisoners `errors.*`. */
export type PhotoError = "photoMissing" | "photoTooLarge" | "photoNotImage";

export type PhotoResult = { kind: "saved" } | { kind: "invalid"; error: PhotoError } | { kind: "not-found" };

/**
 * Stores an uploaded photo and makes it the prisoner's, removing the file it replaces once the
 * change is committed.
 */
export async function uploadPrisonerPhoto(access: PrisonerAccess, upload: PhotoUpload): Promise<PhotoResult> {
  if (upload.size > MAX_PHOTO_BYTES || upload.bytes.byteLength > MAX_PHOTO_BYTES) {
    return { kind: "invalid", error: "photoTooLarge" };
  }
  if (upload.bytes.byteLength === 0) return { kind: "invalid", error: "photoMissing" };
  let photo: Awaited<ReturnType<typeof normalizePhoto>>;
  try {
    photo = await normalizePhoto(upload.bytes);
  } catch (error) {
    if (error instanceof NotAnImageError) return { kind: "invalid", error: "photoNotImage" };
    throw error;
  }
  const stored = {
    name: await writePhotoFile(access.prisoner.id, photo.data),
    width: photo.width,
    height: photo.height,
    bytes: photo.data.byteLength,
  };
  return replacePhoto(access, stored);
}

/** Removes the prisoner's photo, file and all. */
export async function removePrisonerPhoto(access: PrisonerAccess): Promise<PhotoResult> {
  return replacePhoto(access, null);
}

async function replacePhoto(
  access: PrisonerAccess,
  stored: { name: string; width: number; height: number; bytes: number } | null,
): Promise<PhotoResult> {
  const next = stored?.name ?? null;
  let previous: string | null | undefined;
  try {
    previous = await getDb()
      .transaction()
      .execute(async (trx) => {
        const current = await lockPrisonerPhoto(trx, access.prisoner.id);
        if (current === undefined) return undefined;
        await setPrisonerPhoto(trx, access.prisoner.id, next);
        await insertAudit(trx, {
          organizerId: access.organizer.id,
          campaignId: null,
          action: "prisoner.photo_changed",
          subjectType: "prisoner",
          subjectId: access.prisoner.id,
          details: stored
            ? {
                slug: access.prisoner.slug,
                file: stored.name,
                width: stored.width,
                height: stored.height,
                bytes: stored.bytes,
              }
            : { slug: access.prisoner.slug, removed: true },
        });
        return current;
      });
  } catch (error) {
    // Nothing points at the new file: do not leave it behind (unless it was already the photo).
    if (next && next !== access.prisoner.photoPath) await deletePhotoFile(next);
    throw error;
  }
  if (previous === undefined) {
    // The prisoner is gone.
    if (next && next !== access.prisoner.photoPath) await deletePhotoFile(next);
    return { kind: "not-found" };
  }
  if (previous && previous !== next) await deletePhotoFile(previous);
  clearPageCache();
  return { kind: "saved" };
}

/**
 * A prisoner's current photo for `/media/prisoners/:file`, or null. Names are checked against
 * a strict pattern before anything touches the disk, and only a file some prisoner uses is served.
 */
export async function findServedPhoto(file: string | undefined): Promise<Buffer | null> {
  if (!file || !isPhotoFileName(file) || !(await photoInUse(getDb(), file))) return null;
  return readPhotoFile(file);
}
