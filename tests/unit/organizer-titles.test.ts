import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resourcesFor } from "~/i18n/i18n.server";
import { ORGANIZER_TITLE_KEYS, organizerPageTitle } from "~/utils/organizer-title";

/** Organizer tab titles (issue 16): "<Page> — <Campaign or section> — Undersigned", in the page's language. */
describe("organizer tab titles", () => {
  const routes = path.resolve(__dirname, "../../app/routes");
  const pages = fs.readdirSync(routes).filter((f) => /^organizer-.*\.tsx$/.test(f) && f !== "organizer-layout.tsx");

  it("every organizer page names itself with a key every language has", () => {
    expect(pages.length).toBeGreaterThan(20);
    for (const file of pages) {
      const source = fs.readFileSync(path.join(routes, file), "utf8");
      const key = /export const handle: OrganizerHandle = \{\s*title: "(\w+)"/.exec(source)?.[1];
      expect(ORGANIZER_TITLE_KEYS, file).toContain(key);
    }
    const titles = (resourcesFor("en", "organizer").organizer as { titles: Record<string, string> }).titles;
    for (const key of ["section", ...ORGANIZER_TITLE_KEYS]) expect(titles[key], key).toBeTruthy();
  });

  const root = (locale: "en" | "ru") => ({
    id: "root",
    data: { locale, resources: resourcesFor(locale, "organizer") },
  });

  it("puts the page, the campaign and the site together", () => {
    const matches = [
      root("ru"),
      { id: "routes/organizer-layout" },
      { id: "leaf", handle: { title: "signatures" }, data: {} },
    ];
    expect(organizerPageTitle(matches, "Свободу Азату Мифтахову")).toBe(
      "Подписи — Свободу Азату Мифтахову — Undersigned",
    );
    expect(organizerPageTitle([root("en"), { id: "leaf", handle: { title: "dashboard" } }], null)).toBe(
      "My campaigns — Organizers — Undersigned",
    );
  });

  it("names the prisoner a page is about, from its data", () => {
    const leaf = {
      id: "leaf",
      handle: { title: "prisoner", subject: (data: unknown) => (data as { name: string }).name },
      data: { name: "Azat Miftakhov" },
    };
    expect(organizerPageTitle([root("en"), leaf], null)).toBe("Prisoner — Azat Miftakhov — Undersigned");
  });

  it("falls back to the site's name on a page without a title (an error)", () => {
    expect(organizerPageTitle([root("en"), { id: "leaf" }], "A campaign")).toBe("Undersigned");
  });
});
