import type { Executor, Tx } from "~/utils/db.server";

/**
 * Processed images in the database (table `media`), addressed by the SHA-256 of their bytes,
 * and the prisoners' references to them. An instance keeps nothing on its own disk that
 * another one needs: whichever instance took an upload, every instance serves it.
 */

export interface NewMedia {
  sha256: string;
  contentType: "image/webp";
  data: Uint8Array;
  width: number | null;
  height: number | null;
}

export interface StoredMedia {
  sha256: string;
  contentType: string;
  data: Buffer;
}

/** Stores an image once: the same bytes uploaded twice (or by two instances at once) are one row. */
export async function insertMedia(db: Executor, media: NewMedia): Promise<void> {
  await db
    .insertInto("media")
    .values({
      sha256: media.sha256,
      content_type: media.contentType,
      byte_size: media.data.byteLength,
      width: media.width,
      height: media.height,
      data: media.data,
    })
    .onConflict((oc) => oc.column("sha256").doNothing())
    .execute();
}

/** Deletes an image nobody points at any more (it may be another prisoner's too). */
export async function deleteMediaIfUnused(db: Executor, sha256: string): Promise<void> {
  await db
    .deleteFrom("media")
    .where("sha256", "=", sha256)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("prisoners").select("id").where("photo_sha256", "=", sha256))),
    )
    .execute();
}

/** The prisoner's photo (public name and stored image), locking the row until the transaction ends. */
export async function lockPrisonerPhotoRef(
  trx: Tx,
  prisonerId: number,
): Promise<{ photoPath: string | null; photoSha256: string | null } | undefined> {
  const row = await trx
    .selectFrom("prisoners")
    .select(["photo_path", "photo_sha256"])
    .where("id", "=", prisonerId)
    .forUpdate()
    .executeTakeFirst();
  return row ? { photoPath: row.photo_path, photoSha256: row.photo_sha256 } : undefined;
}

/** Points the prisoner at a stored image under a public name, or at none. */
export async function setPrisonerPhotoRef(
  db: Executor,
  prisonerId: number,
  photo: { name: string; sha256: string } | null,
): Promise<void> {
  await db
    .updateTable("prisoners")
    .set({ photo_path: photo?.name ?? null, photo_sha256: photo?.sha256 ?? null, updated_at: new Date() })
    .where("id", "=", prisonerId)
    .execute();
}

/** The image a prisoner's current photo name stands for; undefined for names nobody uses. */
export async function findPrisonerPhotoByName(db: Executor, name: string): Promise<StoredMedia | undefined> {
  const row = await db
    .selectFrom("prisoners as p")
    .innerJoin("media as m", "m.sha256", "p.photo_sha256")
    .select(["m.sha256", "m.content_type", "m.data"])
    .where("p.photo_path", "=", name)
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  // pg gives a Buffer, PGlite a Uint8Array.
  return { sha256: row.sha256, contentType: row.content_type, data: Buffer.from(row.data) };
}

/** Prisoners whose photo is still a file under DATA_DIR/media (from before photos moved here). */
export async function prisonerPhotosOnDisk(db: Executor): Promise<{ id: number; photoPath: string }[]> {
  const rows = await db
    .selectFrom("prisoners")
    .select(["id", "photo_path"])
    .where("photo_path", "is not", null)
    .where("photo_sha256", "is", null)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, photoPath: r.photo_path! }));
}

/**
 * Points a prisoner whose photo was the file `fileName` at its imported image, unless
 * something changed meanwhile (another instance imported it, or an organizer replaced it):
 * whether this call made the change.
 */
export async function attachImportedPhoto(
  db: Executor,
  prisonerId: number,
  fileName: string,
  photo: { name: string; sha256: string },
): Promise<boolean> {
  const result = await db
    .updateTable("prisoners")
    .set({ photo_path: photo.name, photo_sha256: photo.sha256 })
    .where("id", "=", prisonerId)
    .where("photo_path", "=", fileName)
    .where("photo_sha256", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
