import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { attachImportedPhoto, insertMedia, prisonerPhotosOnDisk } from "~/models/media.server";
import { getDb } from "~/utils/db.server";
import { getConfig } from "~/utils/env.server";
import { isPhotoFileName, photoIdentity } from "./photos.server";

/**
 * Photos from before they moved into the database were files under DATA_DIR/media/prisoners.
 * At start, every instance copies in the ones its DATA_DIR still has and points the prisoner
 * at the stored image. Safe to run again and on several instances at once: an image is
 * inserted once (by its hash), and a prisoner is changed only while it still names the file
 * and has no stored image. The files are left where they are (delete them once every
 * instance has started on this version).
 */

export interface PhotoImportResult {
  imported: number;
  /** Photos this instance could not find on its disk (another instance may have them). */
  missing: string[];
}

export async function importPhotosFromDisk(): Promise<PhotoImportResult> {
  const db = getDb();
  const pending = await prisonerPhotosOnDisk(db);
  const result: PhotoImportResult = { imported: 0, missing: [] };
  if (pending.length === 0) return result;
  const dir = path.join(getConfig().dataDir, "media", "prisoners");
  for (const { id, photoPath } of pending) {
    // A name that is not ours never reaches the disk.
    const bytes = isPhotoFileName(photoPath) ? await readOrNull(path.join(dir, photoPath)) : null;
    if (!bytes) {
      result.missing.push(photoPath);
      continue;
    }
    let size: { width: number | null; height: number | null };
    try {
      const meta = await sharp(bytes).metadata();
      if (meta.format !== "webp") throw new Error(`not WebP but ${meta.format}`);
      size = { width: meta.width ?? null, height: meta.height ?? null };
    } catch (error) {
      console.warn(`[media] ${photoPath} is not a usable photo (${(error as Error).message}); left as is`);
      result.missing.push(photoPath);
      continue;
    }
    // The name changes with the content: a file whose name does not match its bytes gets a new one.
    const identity = photoIdentity(id, bytes);
    await insertMedia(db, { sha256: identity.sha256, contentType: "image/webp", data: bytes, ...size });
    if (await attachImportedPhoto(db, id, photoPath, identity)) result.imported++;
  }
  if (result.imported) console.info(`[media] copied ${result.imported} prisoner photos from ${dir} into the database`);
  if (result.missing.length) {
    console.warn(
      `[media] ${result.missing.length} prisoner photos are not in ${dir} (${result.missing.join(", ")}): ` +
        "start an instance whose DATA_DIR has them, or upload them again",
    );
  }
  return result;
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch {
    return null;
  }
}
