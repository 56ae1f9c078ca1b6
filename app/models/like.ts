/** A user's text as a literal inside an ILIKE pattern: %, _ and \ match only themselves. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
