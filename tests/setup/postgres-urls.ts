/** Where the PostgreSQL data tests look when TEST_DATABASE_URL is not set. */
export const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The template lives beside the base database, named after it plus a per-run suffix, so
 * two test runs on one server (a developer's and an editor's, say) never drop each
 * other's template.
 */
export function templateUrl(baseUrl: string): string {
  const name = new URL(baseUrl).pathname.slice(1) || "postgres";
  const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  return withDatabaseName(baseUrl, `${name}_tpl_${run}`);
}
