import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberRole } from "~/domain/vocab";
import { insertExport } from "~/models/export.server";
import { addMember, upsertOrganizer } from "~/models/organizer.server";
import { addSignatures, createCampaign, createPrisoner, signatureRow } from "../factories";
import { request, signedIn } from "../organizer-helpers";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { seedLetterRoutes } from "../letters-helpers";

/**
 * Every organizer route × every role × someone else's campaign, through the route modules'
 * own loaders and actions (the code Remix calls), on both databases.
 *
 * The table below is the specification. A route added to app/routes.ts under /organizer
 * without a line here fails the first test, so nobody ships a page nobody thought about.
 */

type Who = "anonymous" | "owner" | "editor" | "moderator" | "viewer" | "stranger" | "admin";
const MEMBER_ROLES: MemberRole[] = ["owner", "editor", "moderator", "viewer"];
const PEOPLE: Who[] = ["anonymous", "owner", "editor", "moderator", "viewer", "stranger", "admin"];

const VIEW: Who[] = ["owner", "editor", "moderator", "viewer", "admin"];
const MODERATE: Who[] = ["owner", "editor", "moderator", "admin"];
const EDIT: Who[] = ["owner", "editor", "admin"];
const OWN: Who[] = ["owner", "admin"];
const ADMIN: Who[] = ["admin"];
/** Signed in with both factors, whatever their memberships (the stranger owns another campaign). */
const ANY_ORGANIZER: Who[] = ["owner", "editor", "moderator", "viewer", "stranger", "admin"];
/** Owners and editors of some campaign (the prisoner pages' rule for creating). */
const CAMPAIGN_EDITORS: Who[] = ["owner", "editor", "stranger", "admin"];
/**
 * The letter queue ("translate" in app/domain/permissions.ts): moderators and up, and the
 * translator role, which has no person here (adding one would change the rows above);
 * tests/data/letters-access.test.ts covers translators on every letter route.
 */
const TRANSLATE: Who[] = ["owner", "editor", "moderator", "admin"];

interface Rule {
  /** Who gets the page; everyone else signed in gets 404 (anonymous: a redirect to sign-in). */
  get?: Who[];
  /** Who may post to it; everyone else signed in gets 404. */
  post?: Who[];
}

/** Sign-in pages: open to everyone by design; their own tests cover them. */
const SIGN_IN_ROUTES = new Set([
  "organizer/login",
  "organizer/login/:token",
  "organizer/totp-setup",
  "organizer/totp",
  "organizer/logout",
]);

const MATRIX: Record<string, Rule> = {
  organizer: { get: ANY_ORGANIZER },
  "organizer/campaigns/new": { get: ADMIN, post: ADMIN },
  // Owners turn their daily digest on or off (admins reach the form check: "owners only").
  "organizer/campaigns/:slug": { get: VIEW, post: OWN },
  "organizer/campaigns/:slug/signatures": { get: VIEW, post: MODERATE },
  "organizer/campaigns/:slug/signals": { get: MODERATE },
  "organizer/campaigns/:slug/invalidate": { get: MODERATE, post: MODERATE },
  "organizer/campaigns/:slug/texts/:locale": { get: EDIT, post: EDIT },
  "organizer/campaigns/:slug/updates/new": { get: EDIT, post: EDIT },
  "organizer/campaigns/:slug/settings": { get: EDIT, post: EDIT },
  "organizer/campaigns/:slug/groups": { get: EDIT, post: EDIT },
  "organizer/campaigns/:slug/delivery": { get: EDIT, post: EDIT },
  // Only owners and editors record paper signatures and link follow-ups (issue 15).
  "organizer/campaigns/:slug/paper": { get: EDIT, post: EDIT },
  "organizer/campaigns/:slug/follow-up": { get: EDIT, post: EDIT },
  "organizer/campaigns/:slug/preview/:locale": { get: EDIT },
  "organizer/campaigns/:slug/export": { get: EDIT, post: EDIT },
  "organizer/campaigns/:slug/export/download": { post: EDIT },
  // An export made by the owner: owners and admins see every export, editors only their own;
  // only its author downloads it.
  "organizer/campaigns/:slug/exports/:id": { get: OWN },
  "organizer/campaigns/:slug/exports/:id/file": { get: ["owner"] },
  "organizer/campaigns/:slug/publication": { get: VIEW },
  "organizer/campaigns/:slug/publication-text": { get: VIEW },
  "organizer/campaigns/:slug/members": { get: OWN, post: OWN },
  "organizer/prisoners": { get: ANY_ORGANIZER },
  "organizer/prisoners/new": { get: CAMPAIGN_EDITORS, post: CAMPAIGN_EDITORS },
  "organizer/prisoners/:slug": { get: EDIT, post: EDIT },
  "organizer/admin/organizers": { get: ADMIN, post: ADMIN },
  "organizer/campaigns/:slug/letters": { get: TRANSLATE },
  "organizer/campaigns/:slug/letters/export": { post: TRANSLATE },
  "organizer/campaigns/:slug/letters/batches": { get: EDIT, post: EDIT },
  "organizer/campaigns/:slug/letters/batches/:batchId": { get: EDIT, post: EDIT },
  "organizer/campaigns/:slug/letters/batches/:batchId/print": { get: EDIT },
  "organizer/campaigns/:slug/letters/batches/:batchId/text": { get: EDIT },
  "organizer/campaigns/:slug/letters/replies/:replyId/scan": { get: TRANSLATE },
  "organizer/campaigns/:slug/letters/:letterId": { get: TRANSLATE, post: TRANSLATE },
  "organizer/prisoners/:slug/letters": { get: EDIT, post: EDIT },
};

/** The organizer routes declared in app/routes.ts, read from its text (path → module file). */
function organizerRoutes(): Map<string, string> {
  const source = fs.readFileSync(path.resolve(__dirname, "../../app/routes.ts"), "utf8");
  const routes = new Map<string, string>();
  for (const match of source.matchAll(/route\("(organizer[^"]*)",\s*"routes\/([^"]+)"/g)) {
    routes.set(match[1]!, match[2]!);
  }
  return routes;
}

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: object }) => unknown;
  action?: (args: { request: Request; params: Record<string, string>; context: object }) => unknown;
};
const modules = import.meta.glob<RouteModule>("../../app/routes/organizer-*.{ts,tsx}");

async function loadModule(file: string): Promise<RouteModule> {
  const load = modules[`../../app/routes/${file}`];
  if (!load) throw new Error(`no module for ${file}`);
  return load();
}

/** What a loader or action answered: its status, and where a redirect points. */
async function outcome(run: () => unknown): Promise<{ status: number; location: string | null }> {
  try {
    const value = await run();
    if (value instanceof Response) {
      const status = value.status;
      const location = value.headers.get("Location");
      await value.body?.cancel();
      return { status, location };
    }
    return { status: 200, location: null };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    throw error;
  }
}

describe("the authorization matrix", () => {
  it("names every organizer route of app/routes.ts", () => {
    const declared = [...organizerRoutes().keys()].filter((p) => !SIGN_IN_ROUTES.has(p));
    expect(declared.length).toBeGreaterThan(15);
    expect(declared.filter((p) => !(p in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((p) => !declared.includes(p))).toEqual([]);
  });
});

describeEachDatabase("organizer authorization", (getDb, _kind, info) => {
  useAppServices(getDb, info);

  const tokens = {} as Record<Who, string | undefined>;
  let params: Record<string, string> = {};
  let foreignSlug = "";
  let ownerId = 0;

  beforeAll(async () => {
    const db = getDb();
    const prisoner = await createPrisoner(db);
    const campaign = await createCampaign(db);
    const foreign = await createCampaign(db);
    foreignSlug = foreign.slug;
    await db.insertInto("campaign_prisoners").values({ campaign_id: campaign.id, prisoner_id: prisoner.id }).execute();
    await addSignatures(db, [signatureRow(campaign, { full_name: "Listed signer" })]);
    const run = Math.random().toString(36).slice(2, 8);
    for (const who of PEOPLE) {
      if (who === "anonymous") continue;
      const organizer = await upsertOrganizer(db, { email: `${who}-${run}@example.org`, isAdmin: who === "admin" });
      if ((MEMBER_ROLES as string[]).includes(who)) await addMember(db, campaign.id, organizer.id, who as MemberRole);
      if (who === "stranger") await addMember(db, foreign.id, organizer.id, "owner");
      if (who === "owner") ownerId = organizer.id;
      tokens[who] = await signedIn(db, organizer.id);
    }
    const exportId = await insertExport(db, {
      campaignId: campaign.id,
      organizerId: ownerId,
      format: "csv",
      filters: {},
      columns: ["full_name"],
      locale: "en",
      bom: false,
      rowsTotal: 1,
    });
    const letters = await seedLetterRoutes(db, prisoner.id, ownerId);
    params = { slug: campaign.slug, locale: "fr", id: String(exportId), ...letters };
  });

  /** The URL and the params Remix would give the route, for campaign A (or a prisoner of it). */
  function target(routePath: string, overrides: Record<string, string> = {}) {
    const values: Record<string, string> = { ...params, ...overrides };
    if (routePath.startsWith("organizer/prisoners/:slug")) values.slug = overrides.prisoner ?? prisonerSlug;
    const routeParams: Record<string, string> = {};
    const url = `/${routePath.replace(/:(\w+)/g, (_, name: string) => {
      routeParams[name] = values[name] ?? "";
      return encodeURIComponent(values[name] ?? "");
    })}`;
    return { url, routeParams };
  }

  let prisonerSlug = "";
  beforeAll(async () => {
    const row = await getDb()
      .selectFrom("campaign_prisoners")
      .innerJoin("prisoners", "prisoners.id", "campaign_prisoners.prisoner_id")
      .innerJoin("campaigns", "campaigns.id", "campaign_prisoners.campaign_id")
      .select("prisoners.slug")
      .where("campaigns.slug", "=", params.slug!)
      .executeTakeFirstOrThrow();
    prisonerSlug = row.slug;
  });

  for (const [routePath, rule] of Object.entries(MATRIX)) {
    describe(routePath, () => {
      if (rule.get) {
        const allowed = rule.get;
        it(`GET: ${allowed.join(", ")} get the page; other organizers 404; anonymous is sent to sign in`, async () => {
          const mod = await loadModule(organizerRoutes().get(routePath)!);
          expect(mod.loader, "the route has a loader").toBeTypeOf("function");
          for (const who of PEOPLE) {
            const { url, routeParams } = target(routePath);
            const got = await outcome(() =>
              mod.loader!({ request: request(url, { token: tokens[who] }), params: routeParams, context: {} }),
            );
            if (who === "anonymous") {
              expect(got.status, `${who} GET ${url}`).toBe(302);
              expect(got.location, `${who} GET ${url}`).toMatch(/^\/organizer\/login\?next=/);
            } else if (allowed.includes(who)) {
              expect(got.status, `${who} GET ${url}`).not.toBe(404);
              expect(got.status, `${who} GET ${url}`).toBeLessThan(500);
              expect(got.location ?? "", `${who} GET ${url}`).not.toMatch(/^\/organizer\/(login|totp)/);
            } else {
              expect(got.status, `${who} GET ${url}`).toBe(404);
            }
          }
        });
      }
      if (routePath.includes(":slug") && !routePath.startsWith("organizer/prisoners")) {
        it("GET of someone else's campaign is the same 404 as an unknown one, for every member role", async () => {
          const mod = await loadModule(organizerRoutes().get(routePath)!);
          if (!mod.loader) return expect(rule.get).toBeUndefined();
          for (const who of ["owner", "editor", "moderator", "viewer"] as const) {
            for (const slug of [foreignSlug, "no-such-campaign"]) {
              const { url, routeParams } = target(routePath, { slug });
              const got = await outcome(() =>
                mod.loader!({ request: request(url, { token: tokens[who] }), params: routeParams, context: {} }),
              );
              if (rule.get) expect(got.status, `${who} GET ${url}`).toBe(404);
              else expect(got.status, `${who} GET ${url}`).not.toBe(200);
            }
          }
        });
      }
      if (rule.post) {
        const allowed = rule.post;
        it(`POST: ${allowed.join(", ")} reach the form check; other organizers 404; cross-site posts 403`, async () => {
          const mod = await loadModule(organizerRoutes().get(routePath)!);
          expect(mod.action, "the route has an action").toBeTypeOf("function");
          for (const who of PEOPLE) {
            const { url, routeParams } = target(routePath);
            const got = await outcome(() =>
              mod.action!({
                request: request(url, { token: tokens[who], form: {} }),
                params: routeParams,
                context: {},
              }),
            );
            if (who === "anonymous") {
              expect(got.status, `${who} POST ${url}`).toBe(302);
              expect(got.location, `${who} POST ${url}`).toMatch(/^\/organizer\/login/);
            } else if (allowed.includes(who)) {
              // An empty form: a 4xx about the form (or a redirect back to the form), never 404 or 500.
              expect(got.status, `${who} POST ${url}`).not.toBe(404);
              expect(got.status, `${who} POST ${url}`).toBeLessThan(500);
            } else {
              expect(got.status, `${who} POST ${url}`).toBe(404);
            }
            const crossSite = await outcome(() =>
              mod.action!({
                request: request(url, { token: tokens[who], form: {}, origin: "https://evil.example" }),
                params: routeParams,
                context: {},
              }),
            );
            expect(crossSite.status, `${who} cross-site POST ${url}`).toBe(403);
          }
        });
        if (routePath.includes(":slug") && !routePath.startsWith("organizer/prisoners")) {
          it("POST to someone else's campaign is a 404 for every member role", async () => {
            const mod = await loadModule(organizerRoutes().get(routePath)!);
            for (const who of ["owner", "editor", "moderator", "viewer"] as const) {
              const { url, routeParams } = target(routePath, { slug: foreignSlug });
              const got = await outcome(() =>
                mod.action!({
                  request: request(url, { token: tokens[who], form: {} }),
                  params: routeParams,
                  context: {},
                }),
              );
              expect(got.status, `${who} POST ${url}`).toBe(404);
            }
          });
        }
      }
    });
  }
});
