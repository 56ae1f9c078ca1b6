import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resourcesFor } from "~/i18n/i18n.server";
import { ORGANIZER_TITLE_KEYS, organizerMeta, organizerPageTitle } from "~/utils/organizer-title";

/** Organizer tab titles (issue 16): "<Page> — <Campaign or section> — Undersigned", in the page's language. */
describe("organizer tab titles", () => {
  const routes = path.resolve(__dirname, "../../app/routes");
  const pages = fs.readdirSync(routes).filter((f) => /^organizer-.*\.tsx$/.test(f) && f !== "organizer-layout.tsx");

  it("every organizer page names itself with a key every language has", () => {
    expect(pages.length).toBeGreaterThan(20);
    for (const file of pages) {
      const source = fs.readFileSync(path.join(routes, file), "utf8");
      const key = /export const meta = organizerMeta\("(\w+)"/.exec(source)?.[1];
      expect(ORGANIZER_TITLE_KEYS, file).toContain(key);
    }
    const titles = (resourcesFor("en", "organizer").organizer as { titles: Record<string, string> }).titles;
    for (const key of ["section", ...ORGANIZER_TITLE_KEYS]) expect(titles[key], key).toBeTruthy();
  });

  const root = (locale: "en" | "ru") => ({
    id: "root",
    data: { locale, resources: resourcesFor(locale, "organizer") },
  });
  const frame = (campaignTitle: string | null) => ({ id: "routes/organizer-layout", data: { campaignTitle } });

  it("puts the page, the campaign and the site together", () => {
    expect(organizerPageTitle("signatures", {}, [root("ru"), frame("Свободу Азату Мифтахову")])).toBe(
      "Подписи — Свободу Азату Мифтахову — Undersigned",
    );
    expect(organizerPageTitle("dashboard", {}, [root("en"), frame(null)])).toBe(
      "My campaigns — Organizers — Undersigned",
    );
  });

  it("names the prisoner a page is about, from its data", () => {
    const name = (data: unknown) => (data as { name: string }).name;
    expect(organizerPageTitle("prisoner", { name: "Azat Miftakhov" }, [root("en"), frame(null)], name)).toBe(
      "Prisoner — Azat Miftakhov — Undersigned",
    );
  });

  it("is the site's name alone when the strings are missing (an error page above the root)", () => {
    expect(organizerPageTitle("signatures", {}, [])).toBe("Undersigned");
  });

  it("keeps organizer pages out of search engines", () => {
    const meta = organizerMeta("signatures")({ data: {}, matches: [root("en"), frame("A campaign")] } as never);
    expect(meta).toEqual([
      { title: "Signatures — A campaign — Undersigned" },
      { name: "robots", content: "noindex, nofollow" },
    ]);
  });
});
