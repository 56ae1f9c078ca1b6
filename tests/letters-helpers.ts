/**
 * Helpers for the letter tests: letters, batches and replies made directly in the database,
 * and the write form as the public page's action parses it.
 */
import { parseWithZod } from "@conform-to/zod";
import sharp from "sharp";
import { insertBatch, insertReply, updateBatch } from "../app/models/letter-batches.server";
import { saveLetterSettings } from "../app/models/letter-settings.server";
import { insertLetter, type NewLetter } from "../app/models/letters.server";
import { fieldErrorMap } from "../app/schemas/fields";
import { writeLetterSchema } from "../app/schemas/letters";
import type { DB } from "../app/utils/db.server";
import { form } from "./signing-helpers";

/** Opens letters for a prisoner (Russian required, every language accepted). */
export async function openLetters(
  db: DB,
  prisonerId: number,
  overrides: Partial<Parameters<typeof saveLetterSettings>[1]> = {},
): Promise<void> {
  await saveLetterSettings(db, {
    prisoner_id: prisonerId,
    accepting: true,
    address_block: "000000, Example region,\nExample town, IK-0",
    name_line: "Test Prisoner, 1990",
    required_language: "ru",
    accepted_languages: ["en", "ru", "fr", "de", "es", "uk"],
    max_length: 3000,
    electronic_service: true,
    birthday: null,
    ...overrides,
  });
}

/** A letter row as the write form would store it, in `state`. */
export async function addLetter(db: DB, prisonerId: number, overrides: Partial<NewLetter> = {}): Promise<number> {
  return insertLetter(db, {
    prisoner_id: prisonerId,
    language: "fr",
    locale: "fr",
    body: "Cher ami, il neige à Lyon.",
    writer_name: "Claire",
    writer_country: "FR",
    ...overrides,
  });
}

/** A small real image, for reply scans. */
export async function tinyPng(): Promise<Buffer> {
  return sharp({ create: { width: 4, height: 3, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();
}

/** A posted batch holding one letter, and a reply with a scan: the ids the letter routes take. */
export async function seedLetterRoutes(db: DB, prisonerId: number, organizerId: number) {
  await openLetters(db, prisonerId);
  return db.transaction().execute(async (trx) => {
    const batchId = await insertBatch(trx, { prisonerId, includeOriginal: false, createdBy: organizerId });
    await updateBatch(trx, batchId, ["prepared"], { state: "posted", method: "paper", posted_on: "2026-11-01" });
    const letterId = await insertLetter(trx, {
      prisoner_id: prisonerId,
      state: "posted",
      language: "fr",
      locale: "fr",
      body: "Bonjour.",
      writer_name: "Claire",
      writer_country: "FR",
      translation: "Здравствуйте.",
      translation_kind: "human",
      batch_id: batchId,
    });
    const replyId = await insertReply(trx, {
      prisonerId,
      batchId,
      letterId: null,
      receivedOn: "2026-11-20",
      text: "Спасибо.",
      passOn: false,
      scan: { data: Buffer.from("RIFF0000WEBP"), width: 1, height: 1 },
      createdBy: organizerId,
    });
    return { letterId: String(letterId), batchId: String(batchId), replyId: String(replyId) };
  });
}

/** The write form as routes/prisoner-write.tsx parses it. */
export function writeForm(fields: Record<string, string>) {
  return parseWithZod(form(fields), { schema: writeLetterSchema, errorMap: fieldErrorMap });
}

export const validLetter = (overrides: Record<string, string> = {}) => ({
  body: "Cher Azat, il a neigé à Lyon ce matin et les enfants ont fait un bonhomme.",
  writerName: "Claire",
  country: "FR",
  language: "fr",
  email: `claire-${Math.random().toString(36).slice(2)}@example.org`,
  consent: "on",
  ...overrides,
});
