import * as OTPAuth from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import { renderMail } from "../../emails";
import { LOCALES, type MemberRole } from "~/domain/vocab";
import { listAudit } from "~/models/audit.server";
import { addMember, insertLoginToken, upsertOrganizer } from "~/models/organizer.server";
import { countVerifiedRows, totalForCampaign } from "~/models/signature.server";
import * as campaignRoute from "~/routes/organizer-campaign";
import * as signaturesRoute from "~/routes/organizer-signatures";
import type { ModerationAction } from "~/schemas/moderation";
import {
  beginTotpSetup,
  completeTotpSetup,
  consumeLoginToken,
  describeLoginToken,
  requestLoginLink,
  verifySecondFactor,
} from "~/services/organizer-auth.server";
import { readSession, requireCampaignAccess, sessionCookie } from "~/http/organizer-access.server";
import { findValidSession } from "~/services/organizer-sessions.server";
import { closeRateLimits } from "~/services/rate-limit.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { addSignatures, createCampaign, signatureRow } from "../factories";
import { APP, cookieToken, request, run, signedIn, thrown, uniqueEmail, type RouteFn } from "../organizer-helpers";
import { queuedMails } from "../signing-helpers";

/** A route's loader or action as Remix calls it: its data, or (thrown) the Response it answered with. */
async function answer<T>(fn: RouteFn, req: Request, slug: string): Promise<T> {
  const got = await run<T>(fn, req, slug);
  if (got.status !== 200) throw new Response(null, { status: got.status });
  return got.body;
}

/** The signatures page (the locale comes from the request). */
const loadModeration = (req: Request, slug: string, _locale: string) =>
  answer<Awaited<ReturnType<typeof signaturesRoute.loader>>>(signaturesRoute.loader, req, slug);

/** The campaign's overview page (the locale comes from the request). */
const loadCampaignOverview = (req: Request, slug: string, _locale: string) =>
  answer<Awaited<ReturnType<typeof campaignRoute.loader>>>(campaignRoute.loader, req, slug);

/** The signatures page's bulk form, posted with `req`'s cookie, Origin and Referer. */
function moderateSignatures(req: Request, slug: string, action: ModerationAction, ids: readonly number[]) {
  const headers = new Headers(req.headers);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  const body = new URLSearchParams([["intent", action], ...ids.map((id) => ["id", String(id)])]).toString();
  const posted = new Request(req.url, { method: "POST", headers, body });
  return answer<{ action: ModerationAction; rowCount: number }>(signaturesRoute.action, posted, slug);
}

describe("organizer login mail", () => {
  it("renders in every language with the link and the plural expiry", () => {
    for (const locale of LOCALES) {
      const mail = renderMail("organizer_login", locale, {
        loginUrl: `${APP}/organizer/login/abc`,
        expiresInMinutes: 15,
      });
      expect(mail.text).toContain(`${APP}/organizer/login/abc`);
      expect(mail.text).toContain("15");
      expect(mail.subject + mail.text).not.toMatch(/organizerLogin\.|\{\{/);
    }
    expect(renderMail("organizer_login", "ru", { loginUrl: `${APP}/organizer/login/abc`, expiresInMinutes: 15 }).text).toContain("15 минут");
  });

  it("renders the invitation in every language, with and without a campaign, escaping what organizers typed", () => {
    for (const locale of LOCALES) {
      for (const campaignTitle of ["Free <b>Ada</b> & co", null]) {
        const mail = renderMail("organizer_invitation", locale, {
          loginUrl: `${APP}/organizer/login/abc`,
          expiresInDays: 7,
          inviterEmail: "owner@example.org",
          campaignTitle,
        });
        expect(mail.text).toContain(`${APP}/organizer/login/abc`);
        expect(mail.text).toContain("owner@example.org");
        expect(mail.text).toContain("7");
        expect(mail.subject + mail.text + mail.html).not.toMatch(/organizerInvitation\.|\{\{/);
        if (campaignTitle) {
          expect(mail.subject + mail.text).toContain(campaignTitle);
          expect(mail.html).toContain("Free &lt;b&gt;Ada&lt;/b&gt; &amp; co");
          expect(mail.html).not.toContain("<b>Ada");
        }
      }
    }
    const uk = renderMail("organizer_invitation", "uk", {
      loginUrl: `${APP}/organizer/login/abc`,
      expiresInDays: 7,
      inviterEmail: "owner@example.org",
      campaignTitle: null,
    });
    expect(uk.text).toContain("7 днів");
  });
});

describeEachDatabase("organizers", (getDb, _kind, info) => {
  useAppServices(getDb, info);
  beforeAll(async () => {
    // Second-factor attempts are limited per organizer id, in memory here: both databases'
    // suites use the same ids, so each starts from zero.
    await closeRateLimits();
  });

  async function loginLinkFor(address: string): Promise<string | undefined> {
    const before = (await queuedMails(getDb())).length;
    await requestLoginLink(address);
    const mails = await queuedMails(getDb());
    if (mails.length === before) return undefined;
    const mail = mails.at(-1)!;
    expect(mail.to).toBe(address);
    return /\/organizer\/login\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  }

  describe("sign-in link", () => {
    it("mails a link only to active organizers, stores only its hash, and works once", async () => {
      expect(await loginLinkFor(uniqueEmail("nobody"))).toBeUndefined();
      const disabled = uniqueEmail("disabled");
      const d = await upsertOrganizer(getDb(), { email: disabled, isAdmin: false });
      await getDb().updateTable("organizers").set({ disabled_at: new Date() }).where("id", "=", d.id).execute();
      expect(await loginLinkFor(disabled)).toBeUndefined();

      const address = uniqueEmail("active");
      const o = await upsertOrganizer(getDb(), { email: address, isAdmin: false });
      const token = await loginLinkFor(address);
      expect(token).toBeDefined();
      const stored = await getDb()
        .selectFrom("login_tokens")
        .select(["token_hash", "expires_at"])
        .where("organizer_id", "=", o.id)
        .execute();
      expect(stored.map((s) => s.token_hash)).toEqual([hashToken(token!)]);
      const minutes = (stored[0]!.expires_at.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(14);
      expect(minutes).toBeLessThanOrEqual(15);

      expect(await describeLoginToken(token)).toBe("ready");
      const [first, second] = await Promise.all([
        consumeLoginToken(token, null),
        consumeLoginToken(token, null),
      ]);
      expect([first.kind, second.kind].sort()).toEqual(["ok", "used"]);
      expect(await describeLoginToken(token)).toBe("used");
      const ok = first.kind === "ok" ? first : second;
      if (ok.kind !== "ok") throw new Error("no session");
      expect(sessionCookie(ok.sessionToken)).toMatch(/^__Host-us_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax/);
      expect(ok.next).toBe("/organizer/totp-setup");
    });

    it("refuses expired and unknown tokens", async () => {
      const o = await upsertOrganizer(getDb(), { email: uniqueEmail("late"), isAdmin: false });
      const token = newToken();
      await insertLoginToken(getDb(), o.id, hashToken(token), new Date(Date.now() - 1000));
      expect(await describeLoginToken(token)).toBe("expired");
      expect((await consumeLoginToken(token, null)).kind).toBe("expired");
      expect((await consumeLoginToken(newToken(), null)).kind).toBe("invalid");
      expect((await consumeLoginToken("short", null)).kind).toBe("invalid");
    });
  });

  describe("sessions", () => {
    async function login(organizerId: number, previous?: string) {
      const token = newToken();
      await insertLoginToken(getDb(), organizerId, hashToken(token), new Date(Date.now() + 60_000));
      const result = await consumeLoginToken(token, previous ?? null);
      if (result.kind !== "ok") throw new Error(result.kind);
      return cookieToken(sessionCookie(result.sessionToken));
    }

    it("rotates the session at login and forgets the old one", async () => {
      const o = await upsertOrganizer(getDb(), { email: uniqueEmail("rotate"), isAdmin: false });
      const first = await login(o.id);
      expect((await readSession(request("/organizer", { token: first })))?.organizer.id).toBe(o.id);
      const second = await login(o.id, first);
      expect(second).not.toBe(first);
      expect(await readSession(request("/organizer", { token: first }))).toBeNull();
      const session = await readSession(request("/organizer", { token: second }));
      expect(session?.secondFactorAt).toBeNull();
      const rows = await getDb().selectFrom("sessions").select("id_hash").where("organizer_id", "=", o.id).execute();
      expect(rows.map((r) => r.id_hash)).toEqual([hashToken(second)]);
    });

    it("expires after 2 hours idle and 12 hours in all, and touches last_seen_at at most once a minute", async () => {
      const o = await upsertOrganizer(getDb(), { email: uniqueEmail("expiry"), isAdmin: false });
      const token = await login(o.id);
      const idHash = hashToken(token);
      const seen = async () =>
        (
          await getDb().selectFrom("sessions").select("last_seen_at").where("id_hash", "=", idHash).executeTakeFirst()
        )?.last_seen_at.getTime();
      const firstSeen = await seen();
      await findValidSession(token, new Date(Date.now() + 30_000));
      expect(await seen()).toBe(firstSeen);
      const later = new Date(Date.now() + 5 * 60_000);
      await findValidSession(token, later);
      expect(await seen()).toBe(later.getTime());

      // Idle for more than two hours.
      expect(await findValidSession(token, new Date(later.getTime() + 2 * 3600_000 + 1000))).toBeNull();
      expect(await seen()).toBeUndefined();

      // Active all the time, but past the absolute limit.
      const other = await login(o.id);
      let now = Date.now();
      for (let i = 0; i < 11; i++) {
        now += 3600_000;
        expect(await findValidSession(other, new Date(now))).not.toBeNull();
      }
      expect(await findValidSession(other, new Date(now + 3600_000 + 60_000))).toBeNull();
    });
  });

  describe("TOTP", () => {
    it("enrols with a code from the app, gives 10 recovery codes, and verifies later logins", async () => {
      const address = uniqueEmail("totp");
      const o = await upsertOrganizer(getDb(), { email: address, isAdmin: false });
      const token = await signedIn(getDb(), o.id, null);
      const session = (await readSession(request("/organizer/totp-setup", { token })))!;
      const setup = await beginTotpSetup(session);
      if (setup.kind !== "setup") throw new Error(setup.kind);
      expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
      expect(setup.qrSvg).toContain("<svg");
      expect(await beginTotpSetup(session)).toMatchObject({ kind: "setup", secret: setup.secret });
      const stored = await getDb()
        .selectFrom("organizers")
        .select(["totp_secret", "recovery_code_hashes"])
        .where("id", "=", o.id)
        .executeTakeFirstOrThrow();
      expect(stored.totp_secret).not.toContain(setup.secret);

      const app = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.secret), digits: 6, period: 30 });
      const current = app.generate();
      const wrong = current === "000000" ? "111111" : "000000";
      expect((await completeTotpSetup(session, wrong)).kind).toBe("wrong-code");
      const done = await completeTotpSetup(session, current);
      if (done.kind !== "ok") throw new Error("setup failed");
      expect(done.recoveryCodes).toHaveLength(10);
      expect(new Set(done.recoveryCodes).size).toBe(10);
      const after = await getDb()
        .selectFrom("organizers")
        .select(["recovery_code_hashes", "totp_enabled_at"])
        .where("id", "=", o.id)
        .executeTakeFirstOrThrow();
      expect(after.totp_enabled_at).not.toBeNull();
      expect(after.recovery_code_hashes).toHaveLength(10);
      expect(after.recovery_code_hashes.join()).not.toContain(done.recoveryCodes[0]!.replace(/-/g, ""));
      expect((await readSession(request("/organizer", { token })))?.secondFactorAt).not.toBeNull();

      // A later login: TOTP code (not the one the setup used: codes work once), then a
      // recovery code that works only once.
      const next = await signedIn(getDb(), o.id, null);
      const later = (await readSession(request("/organizer/totp", { token: next })))!;
      expect((await verifySecondFactor(later, wrong)).kind).toBe("wrong-code");
      expect((await verifySecondFactor(later, current)).kind).toBe("wrong-code");
      expect((await verifySecondFactor(later, app.generate({ timestamp: Date.now() + 30_000 }))).kind).toBe("ok");
      const recovery = done.recoveryCodes[3]!;
      expect(await verifySecondFactor(later, recovery.toUpperCase())).toEqual({ kind: "ok", usedRecoveryCode: true });
      expect((await verifySecondFactor(later, recovery)).kind).toBe("wrong-code");
    });
  });

  describe("access control and moderation", () => {
    const ROLES: MemberRole[] = ["owner", "editor", "moderator", "viewer"];
    let campaign: Awaited<ReturnType<typeof createCampaign>>;
    let foreign: Awaited<ReturnType<typeof createCampaign>>;
    const tokens: Record<string, string> = {};
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      campaign = await createCampaign(getDb());
      foreign = await createCampaign(getDb(), { status: "draft" });
      for (const who of [...ROLES, "stranger", "admin"]) {
        const o = await upsertOrganizer(getDb(), { email: uniqueEmail(who), isAdmin: who === "admin" });
        ids[who] = o.id;
        if ((ROLES as string[]).includes(who)) await addMember(getDb(), campaign.id, o.id, who as MemberRole);
        tokens[who] = await signedIn(getDb(), o.id);
      }
      // The stranger owns another campaign: that gives nothing here.
      await addMember(getDb(), foreign.id, ids.stranger!, "owner");
      await addSignatures(
        getDb(),
        Array.from({ length: 12 }, (_, i) =>
          signatureRow(campaign, {
            full_name: `Signer ${i}`,
            group: i % 2 ? "journalists" : "mathematicians",
            country: i % 3 ? "FR" : "DE",
          }),
        ),
      );
      await addSignatures(getDb(), [signatureRow(foreign, { full_name: "Foreign signer" })]);
    });

    async function signatureIds(campaignId: number, state?: string) {
      let q = getDb().selectFrom("signatures").select("id").where("campaign_id", "=", campaignId).orderBy("id");
      if (state) q = q.where("state", "=", state as never);
      return (await q.execute()).map((r) => r.id);
    }

    async function expectExactCounts(campaignId: number) {
      expect(await totalForCampaign(getDb(), campaignId)).toBe(await countVerifiedRows(getDb(), campaignId));
    }

    it("lets members see and moderators change; everyone else gets the same 404", async () => {
      const path = `/organizer/campaigns/${campaign.slug}/signatures`;
      const foreignPath = `/organizer/campaigns/${foreign.slug}/signatures`;
      const target = (await signatureIds(campaign.id))[0]!;
      const foreignTarget = (await signatureIds(foreign.id))[0]!;
      const expected: Record<string, { view: number; change: number; foreign: number }> = {
        owner: { view: 200, change: 200, foreign: 404 },
        editor: { view: 200, change: 200, foreign: 404 },
        moderator: { view: 200, change: 200, foreign: 404 },
        viewer: { view: 200, change: 404, foreign: 404 },
        stranger: { view: 404, change: 404, foreign: 200 },
        admin: { view: 200, change: 200, foreign: 200 },
      };
      for (const [who, want] of Object.entries(expected)) {
        const token = tokens[who]!;
        const view = await thrown(loadModeration(request(path, { token }), campaign.slug, "en"));
        expect(view.status, `${who} view`).toBe(want.view);
        expect((await thrown(loadCampaignOverview(request(path, { token }), campaign.slug, "en"))).status).toBe(
          want.view,
        );
        const change = await thrown(
          moderateSignatures(request(path, { token, method: "POST" }), campaign.slug, "notable", [target]),
        );
        expect(change.status, `${who} change`).toBe(want.change);
        const foreignChange = await thrown(
          moderateSignatures(request(foreignPath, { token, method: "POST" }), foreign.slug, "notable", [foreignTarget]),
        );
        expect(foreignChange.status, `${who} foreign`).toBe(want.foreign);
        // An unknown campaign looks exactly like someone else's.
        expect((await thrown(loadModeration(request(path, { token }), "no-such-campaign", "en"))).status).toBe(
          who === "admin" ? 404 : 404,
        );
      }
      // A signature id from another campaign is never touched through this one.
      const before = await getDb()
        .selectFrom("signatures")
        .select("notable")
        .where("id", "=", foreignTarget)
        .executeTakeFirstOrThrow();
      const result = await moderateSignatures(
        request(path, { token: tokens.owner, method: "POST" }),
        campaign.slug,
        "unnotable",
        [foreignTarget],
      );
      expect(result.rowCount).toBe(0);
      const afterRow = await getDb()
        .selectFrom("signatures")
        .select("notable")
        .where("id", "=", foreignTarget)
        .executeTakeFirstOrThrow();
      expect(afterRow.notable).toBe(before.notable);
    });

    it("sends the signed-out to the login page and the half-signed-in to the second factor", async () => {
      const path = `/organizer/campaigns/${campaign.slug}/signatures`;
      const out = await thrown(requireCampaignAccess(request(path), campaign.slug, "view"));
      expect(out.status).toBe(302);
      expect(out.location).toBe(`/organizer/login?next=${encodeURIComponent(path)}`);
      const half = await signedIn(getDb(), ids.owner!, null);
      const noTotp = await thrown(requireCampaignAccess(request(path, { token: half }), campaign.slug, "view"));
      expect(noTotp.status).toBe(302);
      expect(noTotp.location).toBe("/organizer/totp-setup");
      const stale = await signedIn(getDb(), ids.owner!, new Date(Date.now() - 30 * 60_000));
      expect(
        (await thrown(requireCampaignAccess(request(path, { token: stale }), campaign.slug, "view"))).status,
      ).toBe(200);
      const fresh = await thrown(
        requireCampaignAccess(request(path, { token: stale }), campaign.slug, "view", { freshSecondFactorMinutes: 10 }),
      );
      expect(fresh.status).toBe(302);
      expect(fresh.location).toBe(`/organizer/totp?next=${encodeURIComponent(path)}`);
    });

    it("refuses state changes from other origins with 403", async () => {
      const path = `/organizer/campaigns/${campaign.slug}/signatures`;
      const target = (await signatureIds(campaign.id))[0]!;
      for (const origin of [null, "https://evil.example", "http://localhost:3001"]) {
        const r = await thrown(
          moderateSignatures(request(path, { token: tokens.owner, method: "POST", origin }), campaign.slug, "hide", [
            target,
          ]),
        );
        expect(r.status, String(origin)).toBe(403);
      }
      const viaReferer = request(path, {
        token: tokens.owner,
        method: "POST",
        origin: null,
        headers: { Referer: `${APP}${path}?page=2` },
      });
      expect((await moderateSignatures(viaReferer, campaign.slug, "notable", [target])).action).toBe("notable");
    });

    it("keeps the counts exact through hide, unhide, invalidate and notable, and audits each action", async () => {
      const path = `/organizer/campaigns/${campaign.slug}/signatures`;
      const act = (action: Parameters<typeof moderateSignatures>[2], list: number[]) =>
        moderateSignatures(request(path, { token: tokens.moderator, method: "POST" }), campaign.slug, action, list);
      await expectExactCounts(campaign.id);
      const start = await totalForCampaign(getDb(), campaign.id);
      const verified = await signatureIds(campaign.id, "verified");

      expect((await act("hide", verified.slice(0, 4))).rowCount).toBe(4);
      expect(await totalForCampaign(getDb(), campaign.id)).toBe(start - 4);
      await expectExactCounts(campaign.id);
      // Hiding again changes nothing and counts nothing twice.
      expect((await act("hide", verified.slice(0, 4))).rowCount).toBe(0);
      expect(await totalForCampaign(getDb(), campaign.id)).toBe(start - 4);

      expect((await act("unhide", verified.slice(0, 1))).rowCount).toBe(1);
      expect(await totalForCampaign(getDb(), campaign.id)).toBe(start - 3);
      await expectExactCounts(campaign.id);

      // One hidden, two verified: two leave the count.
      expect((await act("invalidate", verified.slice(1, 2).concat(verified.slice(5, 7)))).rowCount).toBe(3);
      expect(await totalForCampaign(getDb(), campaign.id)).toBe(start - 5);
      await expectExactCounts(campaign.id);
      expect((await act("unhide", verified.slice(1, 2))).rowCount).toBe(0);

      expect((await act("notable", verified.slice(7, 10))).rowCount).toBe(3);
      expect(await totalForCampaign(getDb(), campaign.id)).toBe(start - 5);
      await expectExactCounts(campaign.id);

      const page = await loadModeration(request(`${path}?state=hidden`, { token: tokens.viewer }), campaign.slug, "en");
      expect(page.canModerate).toBe(false);
      expect(page.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(verified.slice(2, 4));
      const notable = await loadModeration(
        request(`${path}?notable=yes&q=signer`, { token: tokens.viewer }),
        campaign.slug,
        "en",
      );
      expect(notable.matching).toBeGreaterThanOrEqual(3);

      const audit = await listAudit(getDb(), campaign.id, 50);
      const mine = audit.filter((a) => a.organizer_email?.startsWith("moderator-"));
      expect(mine.slice(0, 6).map((a) => [a.action, a.row_count])).toEqual([
        ["signatures.notable", 3],
        ["signatures.unhide", 0],
        ["signatures.invalidate", 3],
        ["signatures.unhide", 1],
        ["signatures.hide", 0],
        ["signatures.hide", 4],
      ]);
      const overview = await loadCampaignOverview(request(path, { token: tokens.viewer }), campaign.slug, "en");
      expect(overview.audit.length).toBeGreaterThanOrEqual(6);
      expect(overview.total).toBe(start - 5);
    });
  });
});
