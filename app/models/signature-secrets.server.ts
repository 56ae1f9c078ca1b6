import { sql } from "kysely";
import { canonicalEmail } from "~/domain/email";
import {
  emailDomain,
  fromSecrets,
  publishedColumns,
  toSecrets,
  type SignerDetails,
  type SignerSecrets,
} from "~/domain/signer-secrets";
import type { Visibility } from "~/domain/vocab";
import type { Executor, Tx } from "~/utils/db.server";
import { emailHash, emailHashes, seal, signerKeyring, unseal, type SignerKey } from "~/utils/signer-crypto.server";

/**
 * Signers' sealed details (issue 12): the columns a signature stores about its signer, built
 * from their details and visibility; opening them for the places that must read them (mails,
 * moderation, exports, the signer's own page); and the batch work of sealing legacy rows and
 * moving rows to a new key. Never changes a signature's state or counters.
 */

/** The columns that hold a signer's details: sealed, and in clear only what they chose to publish. */
export function signerColumns(visibility: Visibility, details: SignerDetails, canonicalEmail: string | null) {
  const key = signerKeyring().current;
  return {
    ...publishedColumns(visibility, details),
    email: null,
    email_canonical: null,
    sealed: seal(toSecrets(details), key),
    key_id: key.id,
    email_hash: canonicalEmail ? emailHash(canonicalEmail, key) : null,
    email_domain: canonicalEmail ? emailDomain(canonicalEmail) || null : null,
  };
}

/** What a row must carry to be opened. */
export interface SealedRow {
  sealed: string | null;
  full_name: string;
  title: string;
  email?: string | null;
  city?: string | null;
  comment?: string | null;
}

/** A signer's details from their row: opened from the envelope, or (a legacy row not sealed yet) the clear columns. */
export function openSigner(row: SealedRow): SignerDetails {
  if (row.sealed) return fromSecrets(unseal<SignerSecrets>(row.sealed));
  return {
    email: row.email ?? "",
    fullName: row.full_name,
    title: row.title,
    city: row.city ?? null,
    comment: row.comment ?? null,
  };
}

/** Ids of one campaign's signatures (or every campaign's) whose canonical address is this one. */
export async function findIdsByEmail(db: Executor, canonical: string, campaignId?: number): Promise<number[]> {
  let query = db.selectFrom("signatures").select("id").where("email_hash", "in", emailHashes(canonical));
  if (campaignId !== undefined) query = query.where("campaign_id", "=", campaignId);
  return (await query.execute()).map((r) => r.id);
}

/** A row in clear's canonical address (none for paper and withdrawn rows, whose placeholder is no address). */
const legacyCanonical = (row: { email: string | null; email_canonical: string | null }) =>
  row.email && row.email_canonical?.includes("@") ? row.email_canonical : null;

/** The sealed details of one signature, locked when `forUpdate` (inside the caller's transaction). */
async function readRow(db: Executor, id: number, forUpdate = false) {
  const query = db
    .selectFrom("signatures")
    .select(["id", "visibility", "sealed", "full_name", "title", "email", "email_canonical", "city", "comment"])
    .where("id", "=", id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** One signer's details, opened (undefined when the signature is unknown). */
export async function readSignerDetails(db: Executor, id: number): Promise<SignerDetails | undefined> {
  const row = await readRow(db, id);
  return row ? openSigner(row) : undefined;
}

/**
 * The clear columns follow a change of visibility: the name and title come out of the
 * envelope when the signer goes public, and leave the clear columns when they stop being
 * public. Called by the transitions module inside its transaction, the row already locked.
 */
export async function projectVisibility(trx: Tx, id: number, visibility: Visibility): Promise<void> {
  const row = await readRow(trx, id);
  if (!row || !row.sealed) return;
  const details = openSigner(row);
  await trx.updateTable("signatures").set(publishedColumns(visibility, details)).where("id", "=", id).execute();
}

/** The signer corrects some of their details: sealed again, the clear columns as their visibility allows. */
export async function updateSignerDetails(db: Executor, id: number, patch: Partial<SignerDetails>): Promise<void> {
  const row = await readRow(db, id, true);
  if (!row) return;
  const details = { ...openSigner(row), ...patch };
  const key = signerKeyring().current;
  // A row not sealed yet is sealed whole now (address and keyed hash included).
  const columns = row.sealed
    ? { ...publishedColumns(row.visibility, details), sealed: seal(toSecrets(details), key), key_id: key.id }
    : signerColumns(row.visibility, details, legacyCanonical(row));
  await db
    .updateTable("signatures")
    .set({ ...columns, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/**
 * Seals up to `limit` rows written before encryption (key_id is null), each in place: the
 * envelope, the keyed hash of the canonical address, and the clear columns emptied of all
 * but what the signer published. Skips rows another process holds. Returns how many.
 */
export async function sealLegacyBatch(trx: Tx, limit: number): Promise<number> {
  const rows = await trx
    .selectFrom("signatures")
    .select(["id", "visibility", "full_name", "title", "email", "email_canonical", "city", "comment"])
    .where("key_id", "is", null)
    .orderBy("id")
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  for (const row of rows) {
    const details = openSigner({ ...row, sealed: null });
    await trx
      .updateTable("signatures")
      .set({ ...signerColumns(row.visibility, details, legacyCanonical(row)), updated_at: sql`updated_at` })
      .where("id", "=", row.id)
      .execute();
  }
  return rows.length;
}

/**
 * Moves up to `limit` rows sealed under `from` to the current key: the envelope opened and
 * sealed again, the address's keyed hash recomputed. Each row is locked while it moves (a
 * signer changing their details meanwhile waits), and skipped if another worker holds it.
 */
export async function rotateBatch(trx: Tx, from: SignerKey, limit: number): Promise<number> {
  const ring = signerKeyring();
  const rows = await trx
    .selectFrom("signatures")
    .select(["id", "sealed", "email_hash"])
    .where("key_id", "=", from.id)
    .orderBy("id")
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  for (const row of rows) {
    // A withdrawn signature has nothing sealed left: it only moves to the new key's id.
    const secrets = row.sealed ? unseal<SignerSecrets>(row.sealed, ring) : null;
    await trx
      .updateTable("signatures")
      .set({
        sealed: secrets ? seal(secrets, ring.current) : null,
        key_id: ring.current.id,
        email_hash: secrets && row.email_hash ? emailHash(canonicalEmail(secrets.e), ring.current) : null,
      })
      .where("id", "=", row.id)
      .execute();
  }
  return rows.length;
}

/** Rows still sealed under a key, or not sealed at all (key null). */
export async function countUnderKey(db: Executor, keyId: string | null): Promise<number> {
  const row = await db
    .selectFrom("signatures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("key_id", keyId === null ? "is" : "=", keyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
