import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as mediaRoute from "~/routes/media-prisoner-photo";
import { importPhotosFromDisk } from "~/services/photo-import.server";
import { resetConfig } from "~/utils/env.server";
import { createPrisoner } from "../factories";
import { APP } from "../organizer-helpers";
import { describeEachDatabase, useAppServices } from "../setup/databases";

/** Photos that earlier versions wrote under DATA_DIR/media move into the database at start. */
describeEachDatabase("prisoner photos from DATA_DIR/media", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  let dataDir = "";
  const previousDataDir = process.env.DATA_DIR;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-photo-import-"));
    fs.mkdirSync(path.join(dataDir, "media", "prisoners"), { recursive: true });
    process.env.DATA_DIR = dataDir;
    resetConfig();
  });
  afterAll(() => {
    process.env.DATA_DIR = previousDataDir;
    resetConfig();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A prisoner whose photo is a file, as the previous version left it. */
  async function legacyPhoto(color: string, name?: (id: number, sha: string) => string) {
    const prisoner = await createPrisoner(getDb());
    const webp = await sharp({ create: { width: 40, height: 60, channels: 3, background: color } })
      .webp()
      .toBuffer();
    const sha = createHash("sha256").update(webp).digest("hex");
    const file = name ? name(prisoner.id, sha) : `${prisoner.id}-${sha.slice(0, 16)}.webp`;
    fs.writeFileSync(path.join(dataDir, "media", "prisoners", file), webp);
    await getDb().updateTable("prisoners").set({ photo_path: file }).where("id", "=", prisoner.id).execute();
    return { prisoner, webp, sha, file };
  }

  async function row(prisonerId: number) {
    return getDb()
      .selectFrom("prisoners")
      .select(["photo_path", "photo_sha256"])
      .where("id", "=", prisonerId)
      .executeTakeFirstOrThrow();
  }

  /** The media route's answer: its status, and the bytes of a 200. */
  async function serve(file: string) {
    try {
      const response = await mediaRoute.loader({
        request: new Request(`${APP}/media/prisoners/${file}`),
        params: { file },
        context: {},
      });
      return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, body: Buffer.alloc(0) };
      throw thrown;
    }
  }

  it("copies each file in once, even when several instances start at the same moment", async () => {
    const a = await legacyPhoto("#aa2222");
    const b = await legacyPhoto("#22aa22");
    // Not served before the import: only images in the database are.
    expect((await serve(a.file)).status).toBe(404);

    // Three "instances" starting at once, then one more later.
    const results = await Promise.all([importPhotosFromDisk(), importPhotosFromDisk(), importPhotosFromDisk()]);
    expect(results.reduce((sum, r) => sum + r.imported, 0)).toBe(2);
    expect((await importPhotosFromDisk()).imported).toBe(0);

    for (const photo of [a, b]) {
      expect(await row(photo.prisoner.id)).toEqual({ photo_path: photo.file, photo_sha256: photo.sha });
      const served = await serve(photo.file);
      expect(served.status).toBe(200);
      expect(served.body.equals(photo.webp)).toBe(true);
    }
    const media = await getDb().selectFrom("media").select("sha256").where("sha256", "in", [a.sha, b.sha]).execute();
    expect(media).toHaveLength(2);
    // The files stay where they were (an instance not yet upgraded may still read them).
    expect(fs.existsSync(path.join(dataDir, "media", "prisoners", a.file))).toBe(true);
  });

  it("renames a file whose name does not match its content, and leaves missing or foreign names alone", async () => {
    const renamed = await legacyPhoto("#2222aa", (id) => `${id}-0000000000000000.webp`);
    const missing = await createPrisoner(getDb());
    const missingName = `${missing.id}-0123456789abcdef.webp`;
    await getDb().updateTable("prisoners").set({ photo_path: missingName }).where("id", "=", missing.id).execute();
    // A name that is not ours is never looked up on disk.
    fs.writeFileSync(path.join(dataDir, "secret.webp"), "secret");
    const foreign = await createPrisoner(getDb());
    await getDb()
      .updateTable("prisoners")
      .set({ photo_path: "../../secret.webp" })
      .where("id", "=", foreign.id)
      .execute();

    const result = await importPhotosFromDisk();
    expect(result.imported).toBe(1);
    expect(result.missing).toEqual(expect.arrayContaining([missingName, "../../secret.webp"]));
    const newName = `${renamed.prisoner.id}-${renamed.sha.slice(0, 16)}.webp`;
    expect(await row(renamed.prisoner.id)).toEqual({ photo_path: newName, photo_sha256: renamed.sha });
    expect((await serve(newName)).status).toBe(200);
    expect(await row(missing.id)).toEqual({ photo_path: missingName, photo_sha256: null });
    expect(await row(foreign.id)).toEqual({ photo_path: "../../secret.webp", photo_sha256: null });
  });
});
