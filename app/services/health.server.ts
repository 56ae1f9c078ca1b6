import { pingDatabase } from "~/models/health.server";
import { getDb } from "~/utils/db.server";

export async function checkHealth(): Promise<{ ok: boolean; database: "ok" | "unreachable" }> {
  try {
    await pingDatabase(getDb());
    return { ok: true, database: "ok" };
  } catch (error) {
    console.warn(`[health] database check failed: ${(error as Error).message}`);
    return { ok: false, database: "unreachable" };
  }
}
