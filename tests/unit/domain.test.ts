import { describe, expect, it } from "vitest";
import { pathInLocale } from "~/components/language-switcher";
import { initialsOf, toPublicSignatory } from "~/domain/signatory";
import { pickTranslation } from "~/domain/translation";

describe("public signatory", () => {
  const row = { full_name: "Sofia Kovalevskaya", title: "Professor, Stockholm", country: "SE", notable: false };

  it("shows name, title and country only for public signers", () => {
    expect(toPublicSignatory({ ...row, visibility: "public" })).toEqual({
      kind: "public",
      name: "Sofia Kovalevskaya",
      title: "Professor, Stockholm",
      country: "SE",
      notable: false,
    });
  });

  it("reduces the others to what they consented to", () => {
    const initials = toPublicSignatory({ ...row, visibility: "initials" });
    expect(initials).toEqual({ kind: "initials", initials: "S. K.", country: "SE" });
    expect(JSON.stringify(initials)).not.toContain("Kovalevskaya");
    const anonymous = toPublicSignatory({ ...row, visibility: "anonymous" });
    expect(anonymous).toEqual({ kind: "anonymous", country: "SE" });
    expect(toPublicSignatory({ ...row, visibility: "counted" })).toBeNull();
  });

  it("takes initials from any script and ignores punctuation", () => {
    expect(initialsOf("Азат Мифтахов")).toBe("А. М.");
    expect(initialsOf("jean-paul  sartre")).toBe("J. P. S.");
    expect(initialsOf("  ")).toBe("—");
  });
});

describe("translation fallback", () => {
  const rows = [
    { locale: "fr" as const, title: "Libérez" },
    { locale: "en" as const, title: "Free" },
  ];
  it("uses the exact language when there is one", () => {
    expect(pickTranslation(rows, "en", "fr")).toEqual({ row: rows[1], fallback: false });
  });
  it("falls back to the canonical language, then English", () => {
    expect(pickTranslation(rows, "de", "fr")).toEqual({ row: rows[0], fallback: true });
    expect(pickTranslation(rows, "de", "ru")).toEqual({ row: rows[1], fallback: true });
    expect(pickTranslation([], "de", "ru")).toBeUndefined();
  });
});

describe("language switcher paths", () => {
  it("swaps the language prefix and keeps the rest", () => {
    expect(pathInLocale("/ru/campaigns/free-azat", "?ref=tg", "fr")).toBe("/fr/campaigns/free-azat?ref=tg");
    expect(pathInLocale("/en", "", "uk")).toBe("/uk");
    expect(pathInLocale("/", "", "de")).toBe("/de");
    expect(pathInLocale("/campaigns/x", "", "es")).toBe("/es/campaigns/x");
  });

  it("puts the choice in ?lng= on organizer and development pages, which have no language prefix", () => {
    expect(pathInLocale("/organizer", "", "ru")).toBe("/organizer?lng=ru");
    expect(pathInLocale("/organizer/campaigns/x/signatures", "?state=pending&lng=fr", "de")).toBe(
      "/organizer/campaigns/x/signatures?state=pending&lng=de",
    );
    expect(pathInLocale("/dev/mailbox", "", "uk")).toBe("/dev/mailbox?lng=uk");
    expect(pathInLocale("/organizers-are-not-a-page", "", "uk")).toBe("/uk/organizers-are-not-a-page");
  });
});
