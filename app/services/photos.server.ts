import { createHash } from "node:crypto";
import sharp from "sharp";
import { insertAudit } from "~/models/audit.server";
import {
  deleteMediaIfUnused,
  findPrisonerPhotoByName,
  insertMedia,
  lockPrisonerPhotoRef,
  setPrisonerPhotoRef,
  type StoredMedia,
} from "~/models/media.server";
import { getDb } from "~/utils/db.server";
import type { PrisonerAccess } from "./prisoner-access.server";
import { clearPageCache } from "./public-pages.server";

/**
 * Prisoner photos: uploading, removing and serving them. Whatever image an organizer uploads
 * is decoded, turned upright, shrunk to fit 800×800 and written again as WebP, so no metadata
 * (EXIF GPS positions, camera serial numbers, editing history) survives. The result is stored
 * in PostgreSQL (table `media`, by the SHA-256 of its bytes) and published as
 * `<prisonerId>-<16 hex of that hash>.webp`: a name that changes with the content, so it can be
 * cached forever, and that every app instance serves (nothing is kept on local disk; photos
 * from before are copied in at start, see photo-import.server.ts).
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

export function isPhotoFileName(name: string): boolean {
  return PHOTO_FILE_PATTERN.test(name);
}

/** The hex SHA-256 of an image's bytes, and the public name of that image as a prisoner's photo. */
export function photoIdentity(prisonerId: number, webp: Uint8Array): { sha256: string; name: string } {
  const sha256 = createHash("sha256").update(webp).digest("hex");
  return { sha256, name: `${prisonerId}-${sha256.slice(0, 16)}.webp` };
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

/** Stores an uploaded photo and makes it the prisoner's; the image it replaces goes if nobody else uses it. */
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
  return replacePhoto(access, { ...photoIdentity(access.prisoner.id, photo.data), ...photo });
}

/** Removes the prisoner's photo (and its stored image, unless another prisoner has the same). */
export async function removePrisonerPhoto(access: PrisonerAccess): Promise<PhotoResult> {
  return replacePhoto(access, null);
}

/** One transaction: the image, the prisoner's reference, the audit entry and the old image's removal. */
async function replacePhoto(
  access: PrisonerAccess,
  next: { name: string; sha256: string; data: Buffer; width: number; height: number } | null,
): Promise<PhotoResult> {
  const found = await getDb()
    .transaction()
    .execute(async (trx) => {
      const current = await lockPrisonerPhotoRef(trx, access.prisoner.id);
      if (!current) return false;
      if (next) {
        await insertMedia(trx, {
          sha256: next.sha256,
          contentType: "image/webp",
          data: next.data,
          width: next.width,
          height: next.height,
        });
      }
      await setPrisonerPhotoRef(trx, access.prisoner.id, next && { name: next.name, sha256: next.sha256 });
      if (current.photoSha256 && current.photoSha256 !== next?.sha256) {
        await deleteMediaIfUnused(trx, current.photoSha256);
      }
      await insertAudit(trx, {
        organizerId: access.organizer.id,
        campaignId: null,
        action: "prisoner.photo_changed",
        subjectType: "prisoner",
        subjectId: access.prisoner.id,
        details: next
          ? {
              slug: access.prisoner.slug,
              file: next.name,
              sha256: next.sha256,
              width: next.width,
              height: next.height,
              bytes: next.data.byteLength,
            }
          : { slug: access.prisoner.slug, removed: true },
      });
      return true;
    });
  if (!found) return { kind: "not-found" };
  clearPageCache();
  return { kind: "saved" };
}

/**
 * A prisoner's current photo for `/media/prisoners/:file`, or null. Names are checked against
 * a strict pattern first, and only an image some prisoner's photo is now is served.
 */
export async function findServedPhoto(file: string | undefined): Promise<StoredMedia | null> {
  if (!file || !isPhotoFileName(file)) return null;
  return (await findPrisonerPhotoByName(getDb(), file)) ?? null;
}
