import { countUnderKey, rotateBatch, sealLegacyBatch } from "~/models/signature-secrets.server";
import { getDb, type DB } from "~/utils/db.server";
import { signerKeyring } from "~/utils/signer-crypto.server";

/**
 * Keys of the signers' sealed details (issue 12): sealing rows written before encryption,
 * and moving every row to a new key while the app runs. Both work in small batches, each
 * its own transaction with its rows locked (`skip locked`: a row a signer is changing right
 * now is taken by the next pass), so signing, confirming and exports go on meanwhile.
 */

const BATCH = 500;

export interface KeyWorkResult {
  /** Rows sealed that were in clear. */
  sealed: number;
  /** Rows moved from the previous key to the current one. */
  rotated: number;
  /** Rows still under the previous key (0 when the rotation is complete). */
  remaining: number;
}

/** Seals every row still in clear (startup and `npm run keys:seal`); how many. */
export async function sealLegacySignatures(db: DB = getDb(), batchSize = BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute((trx) => sealLegacyBatch(trx, batchSize));
    total += n;
    if (n < batchSize) break;
  }
  // Rows another process held were skipped: one more pass picks them up.
  if (total && (await countUnderKey(db, null)) > 0) total += await sealLegacySignatures(db, batchSize);
  return total;
}

/**
 * `npm run keys:rotate`, with SIGNER_DATA_KEY (the new key) and SIGNER_DATA_KEY_PREVIOUS (the
 * old one) set on every running instance: seals what is still in clear, then moves every row
 * sealed under the previous key to the new one. Run it again until `remaining` is 0; then
 * SIGNER_DATA_KEY_PREVIOUS can go.
 */
export async function rotateSignerKey(
  db: DB = getDb(),
  { batchSize = BATCH, onBatch }: { batchSize?: number; onBatch?: (moved: number) => void | Promise<void> } = {},
): Promise<KeyWorkResult> {
  const sealed = await sealLegacySignatures(db, batchSize);
  const previous = signerKeyring().previous;
  if (!previous) return { sealed, rotated: 0, remaining: 0 };
  let rotated = 0;
  for (let pass = 0; pass < 3; pass++) {
    for (;;) {
      const n = await db.transaction().execute((trx) => rotateBatch(trx, previous, batchSize));
      rotated += n;
      await onBatch?.(rotated);
      if (n < batchSize) break;
    }
    if ((await countUnderKey(db, previous.id)) === 0) break;
  }
  return { sealed, rotated, remaining: await countUnderKey(db, previous.id) };
}
