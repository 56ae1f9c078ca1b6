import type { Visibility } from "./vocab";

/**
 * What the public may know of one verified signature. Built on the server from the row and
 * its visibility; the full name, email, city and comment of a non-public signer never
 * leave the server.
 */
export type PublicSignatory =
  | { kind: "public"; name: string; title: string; country: string; notable: boolean }
  | { kind: "initials"; initials: string; country: string }
  | { kind: "anonymous"; country: string };

export function initialsOf(fullName: string): string {
  const parts = fullName
    .normalize("NFC")
    .split(/[\s\-‐]+/u)
    .filter(Boolean);
  const letters = parts.map((p) => Array.from(p)[0]?.toLocaleUpperCase() ?? "").filter((c) => /\p{L}/u.test(c));
  return letters.length ? letters.map((c) => `${c}.`).join(" ") : "—";
}

export function toPublicSignatory(row: {
  full_name: string;
  title: string;
  country: string;
  visibility: Visibility;
  notable: boolean;
}): PublicSignatory | null {
  switch (row.visibility) {
    case "public":
      return { kind: "public", name: row.full_name, title: row.title, country: row.country, notable: row.notable };
    case "initials":
      return { kind: "initials", initials: initialsOf(row.full_name), country: row.country };
    case "anonymous":
      return { kind: "anonymous", country: row.country };
    case "counted":
      return null;
  }
}
