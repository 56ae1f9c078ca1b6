// `npm run lighthouse`: Lighthouse's accessibility, best-practices and SEO scores of the pages
// issue 16 names, on the built app (run `npm run build` first; this builds nothing). Starts the
// server on a fresh embedded demo in a temporary directory, signs the demo organizer in for the
// organizer pages, prints a table and exits non-zero when a required score is below 95.
//
// Public pages are measured as a phone sees them (Lighthouse's mobile defaults), in Russian
// and French; organizer pages on a desktop. SEO is not required of organizer pages: they
// are noindex on purpose (routes/organizer-layout.tsx), which Lighthouse's SEO score counts
// against them. Chromium comes from CHROME_PATH (default /usr/bin/chromium).
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { CHROME_FLAGS, CHROME_PATH, cookieHeader, signInDemoOrganizer, startDemoServer } from "./demo-session.mjs";

const MINIMUM = 95;
const PORT = Number(process.env.LIGHTHOUSE_PORT ?? process.env.E2E_PORT ?? 3300);
const CAMPAIGN = "free-azat-miftakhov-mathematicians";
const PRISONER = "azat-miftakhov";

const PUBLIC = ["accessibility", "best-practices", "seo"];
const ORGANIZER = ["accessibility", "best-practices"];

const targets = [
  ...["ru", "fr"].flatMap((lang) => [
    { name: `home (${lang})`, path: `/${lang}`, categories: PUBLIC, mobile: true },
    { name: `campaign (${lang})`, path: `/${lang}/campaigns/${CAMPAIGN}`, categories: PUBLIC, mobile: true },
    {
      name: `signatories (${lang})`,
      path: `/${lang}/campaigns/${CAMPAIGN}/signatories`,
      categories: PUBLIC,
      mobile: true,
    },
    { name: `prisoner (${lang})`, path: `/${lang}/prisoners/${PRISONER}`, categories: PUBLIC, mobile: true },
  ]),
  { name: "organizer dashboard", path: "/organizer", categories: ORGANIZER, organizer: true },
  { name: "moderation", path: `/organizer/campaigns/${CAMPAIGN}/signatures`, categories: ORGANIZER, organizer: true },
  { name: "export", path: `/organizer/campaigns/${CAMPAIGN}/export`, categories: ORGANIZER, organizer: true },
];

const only = process.argv.slice(2);
const chosen = only.length ? targets.filter((t) => only.some((o) => t.name.includes(o))) : targets;

const server = await startDemoServer(PORT);
let chrome;
let failed = false;
try {
  let cookie = "";
  if (chosen.some((t) => t.organizer)) {
    const browser = await chromium.launch({ executablePath: CHROME_PATH, args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const context = await browser.newContext();
      await signInDemoOrganizer(await context.newPage(), server.baseUrl);
      cookie = await cookieHeader(context, server.baseUrl);
    } finally {
      await browser.close();
    }
  }

  chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
  const rows = [];
  for (const target of chosen) {
    const flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: target.categories,
      ...(target.organizer ? { extraHeaders: { Cookie: cookie } } : {}),
    };
    const result = await lighthouse(
      `${server.baseUrl}${target.path}`,
      flags,
      target.mobile ? undefined : desktopConfig,
    );
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse gave no result for ${target.path}`);
    if (lhr.runtimeError) throw new Error(`${target.path}: ${lhr.runtimeError.message}`);
    if (target.organizer && new URL(lhr.finalDisplayedUrl).pathname !== target.path) {
      throw new Error(`${target.path} led to ${lhr.finalDisplayedUrl}: the organizer was not signed in`);
    }
    const score = (id) => {
      const value = lhr.categories[id]?.score;
      return value === undefined ? undefined : Math.round((value ?? 0) * 100);
    };
    const row = {
      page: target.name,
      device: target.mobile ? "mobile" : "desktop",
      accessibility: score("accessibility"),
      "best practices": score("best-practices"),
      seo: score("seo") ?? "n/a (noindex)",
    };
    rows.push(row);
    const low = target.categories.filter((id) => score(id) < MINIMUM);
    if (low.length) {
      failed = true;
      for (const id of low) {
        const audits = lhr.categories[id].auditRefs
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 1)
          .map((ref) => `${ref.id}: ${lhr.audits[ref.id].title}`);
        console.error(`${target.name} ${id} ${score(id)} < ${MINIMUM}:\n  ${audits.join("\n  ")}`);
      }
    }
    console.error(`measured ${target.name}`);
  }
  console.table(rows);
  if (failed) console.error(`Some required score is below ${MINIMUM}.`);
} finally {
  await chrome?.kill();
  await server.stop();
}
process.exit(failed ? 1 : 0);
