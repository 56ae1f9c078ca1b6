import * as OTPAuth from "otpauth";
import { beforeAll, expect, it } from "vitest";
import type { MemberRole } from "~/domain/vocab";
import { listAudit } from "~/models/audit.server";
import { addMember, findMembership, upsertOrganizer } from "~/models/organizer.server";
import * as adminRoute from "~/routes/organizer-admin-organizers";
import * as membersRoute from "~/routes/organizer-campaign-members";
import * as loginRoute from "~/routes/organizer-login";
import * as linkRoute from "~/routes/organizer-login-token";
import * as totpRoute from "~/routes/organizer-totp";
import * as totpSetupRoute from "~/routes/organizer-totp-setup";
import { loader as rootLoader } from "~/root";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { disableOrganizer } from "~/services/organizer-admin.server";
import {
  beginTotpSetup,
  completeTotpSetup,
  consumeLoginToken,
  describeLoginLink,
  requestLoginLink,
  verifySecondFactor,
} from "~/services/organizer-auth.server";
import { findValidSession } from "~/services/organizer-sessions.server";
import { closeRateLimits } from "~/services/rate-limit.server";
import { hashToken } from "~/utils/tokens.server";
import { createCampaign } from "../factories";
import { get, post, run, signedIn, uniqueEmail } from "../organizer-helpers";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { queuedMails } from "../signing-helpers";

function linkToken(text: string): string {
  const token = /\/organizer\/login\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  if (!token) throw new Error("no sign-in link in the mail");
  return token;
}

describeEachDatabase("organizer members and access", (getDb, _kind, info) => {
  useAppServices(getDb, info);
  beforeAll(async () => {
    // The limits live in memory here, shared by both databases' suites: start from zero.
    await closeRateLimits();
  });

  async function organizer(name: string, opts: { isAdmin?: boolean } = {}) {
    const address = uniqueEmail(name);
    const o = await upsertOrganizer(getDb(), { email: address, isAdmin: opts.isAdmin ?? false });
    return { id: o.id, email: address, token: await signedIn(getDb(), o.id) };
  }

  async function member(campaignId: number, role: MemberRole) {
    const o = await organizer(role);
    await addMember(getDb(), campaignId, o.id, role);
    return o;
  }

  async function lastMail() {
    const mail = (await queuedMails(getDb())).at(-1);
    if (!mail) throw new Error("no mail queued");
    return mail;
  }

  async function auditActions(campaignId: number) {
    return (await listAudit(getDb(), campaignId, 50)).map((a) => a.action);
  }

  /** Turns TOTP on for an organizer; returns the app that makes codes and the code the setup used. */
  async function withTotp(organizerId: number) {
    const token = await signedIn(getDb(), organizerId, null);
    const session = (await findValidSession(token))!;
    const setup = await beginTotpSetup(session);
    if (setup.kind !== "setup") throw new Error(setup.kind);
    const app = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.secret), digits: 6, period: 30 });
    const setupCode = app.generate();
    const done = await completeTotpSetup(session, setupCode);
    if (done.kind !== "ok") throw new Error("setup failed");
    return { app, setupCode };
  }

  const membersPath = (slug: string) => `/organizer/campaigns/${slug}/members`;

  it("opens a Russian invitation's page in Russian in an English browser, and keeps Russian after signing in", async () => {
    const campaign = await createCampaign(getDb());
    const owner = await member(campaign.id, "owner");
    const invitee = uniqueEmail("RussianInvitee");
    await run(
      membersRoute.action,
      post(membersPath(campaign.slug), owner.token, { intent: "invite", email: invitee, role: "editor", locale: "ru" }),
      { slug: campaign.slug },
    );
    const mail = await lastMail();
    const link = /https?:\/\/[^\s"<>]*\/organizer\/login\/[A-Za-z0-9_-]{43}[^\s"<>]*/.exec(mail.text)?.[0];
    expect(link).toMatch(/\?lng=ru$/);
    const url = new URL(link!);
    const path = `${url.pathname}${url.search}`;
    const token = linkToken(mail.text);

    // The page's language (the root loader's) is the mail's, whatever the browser prefers.
    const english = { "Accept-Language": "en-US,en;q=0.9" };
    const root = await run(rootLoader, get(path, undefined, english));
    const rendered = root.body as { locale: string; resources: Record<string, unknown> };
    expect(rendered.locale).toBe("ru");
    expect(rendered.resources.organizer).toMatchObject({ link: { invitationTitle: "Принять приглашение" } });
    // Without the parameter the same browser would get English: the link is what decides.
    expect((await run(rootLoader, get(url.pathname, undefined, english))).body).toMatchObject({ locale: "en" });

    // Accepting keeps the language for the TOTP setup and the campaign that follow.
    const accepted = await run(linkRoute.action, post(path, undefined, {}), { token });
    expect(accepted.status).toBe(302);
    const cookies = accepted.headers!.getSetCookie();
    expect(cookies.some((c) => c.startsWith("lng=ru;"))).toBe(true);
    expect(cookies).toHaveLength(2);
  });

  it("invites a new address: account in the chosen language, membership, a mailed 7-day link that lands on the campaign", async () => {
    const campaign = await createCampaign(getDb());
    const owner = await member(campaign.id, "owner");
    const invitee = uniqueEmail("Invitee");
    const before = (await queuedMails(getDb())).length;

    const result = await run(
      membersRoute.action,
      post(membersPath(campaign.slug), owner.token, { intent: "invite", email: ` ${invitee} `, role: "editor", locale: "ru" }),
      { slug: campaign.slug },
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ kind: "invited", email: invitee.toLowerCase(), created: true });

    const account = await getDb()
      .selectFrom("organizers")
      .select(["id", "locale", "is_admin", "last_login_at"])
      .where("email", "=", invitee.toLowerCase())
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ locale: "ru", is_admin: false, last_login_at: null });
    expect(await findMembership(getDb(), campaign.id, account.id)).toBe("editor");

    // One mail, in Russian, with the campaign's title and the inviter.
    const mails = await queuedMails(getDb());
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.to).toBe(invitee.toLowerCase());
    expect(mail.subject).toContain("Free the test prisoner");
    expect(mail.text).toContain("Принять и войти");
    expect(mail.text).toContain(owner.email);
    expect(mail.text).toContain("7 дней");
    expect(mail.html).toContain("/organizer/login/");

    // The link page says it is an invitation valid 7 days; the token is stored only as a hash.
    const token = linkToken(mail.text);
    expect(await describeLoginLink(token)).toEqual({ state: "ready", kind: "invitation" });
    const page = await run(linkRoute.loader, get(`/organizer/login/${token}`), { token });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ kind: "invitation", validFor: { invitationDays: 7, loginMinutes: 15 } });
    const stored = await getDb()
      .selectFrom("login_tokens")
      .select(["token_hash", "expires_at", "next_path", "kind"])
      .where("organizer_id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashToken(token));
    expect(stored.next_path).toBe(`/organizer/campaigns/${campaign.slug}`);
    const days = (stored.expires_at.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    // The link opens a session and sends the new organizer to TOTP setup, then to the campaign.
    const consumed = await consumeLoginToken(token, null);
    if (consumed.kind !== "ok") throw new Error(consumed.kind);
    const campaignPath = `/organizer/campaigns/${campaign.slug}`;
    expect(consumed.next).toBe(`/organizer/totp-setup?next=${encodeURIComponent(campaignPath)}`);
    const session = consumed.sessionToken;
    const setupPage = await run(totpSetupRoute.loader, get(consumed.next, session));
    expect(setupPage.body).toMatchObject({ enabled: false, next: campaignPath });
    const { secret } = setupPage.body as { secret: string };
    const app = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
    const setupDone = await run(
      totpSetupRoute.action,
      post(consumed.next, session, { code: app.generate() }),
    );
    expect(setupDone.body).toMatchObject({ kind: "ok" });
    const access = await requireCampaignAccess(get(campaignPath, session), campaign.slug, "edit");
    expect(access.role).toBe("editor");
    expect((await run(totpSetupRoute.loader, get(consumed.next, session))).body).toMatchObject({
      enabled: true,
      next: campaignPath,
    });

    expect(await auditActions(campaign.id)).toContain("members.invited");
  });

  it("invites an existing organizer in their own language and refuses duplicates and bad addresses with 400", async () => {
    const campaign = await createCampaign(getDb());
    const owner = await member(campaign.id, "owner");
    const existing = uniqueEmail("existing");
    await upsertOrganizer(getDb(), { email: existing, isAdmin: false, locale: "de" });
    const path = membersPath(campaign.slug);
    const invite = (fields: Record<string, string>) =>
      run(membersRoute.action, post(path, owner.token, { intent: "invite", ...fields }), { slug: campaign.slug });

    const ok = await invite({ email: existing, role: "viewer", locale: "fr" });
    expect(ok.body).toMatchObject({ kind: "invited", created: false });
    expect((await lastMail()).text).toContain("Annehmen und anmelden");
    const twice = await invite({ email: existing.toUpperCase(), role: "editor" });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ kind: "invalid", errors: { email: "alreadyMember" } });

    const before = (await queuedMails(getDb())).length;
    for (const [value, code] of [
      ["", "required"],
      ["not-an-address", "invalidEmail"],
      ["a@b", "invalidEmail"],
      [`${"x".repeat(250)}@example.org`, "tooLong"],
    ] as const) {
      const bad = await invite({ email: value, role: "editor" });
      expect(bad.status, value).toBe(400);
      expect(bad.body, value).toMatchObject({ kind: "invalid", errors: { email: code }, values: { email: value } });
    }
    const badRole = await invite({ email: uniqueEmail("role"), role: "admin" });
    expect(badRole.status).toBe(400);
    expect(badRole.body).toMatchObject({ errors: { role: "invalid" } });
    const badLocale = await invite({ email: uniqueEmail("lang"), role: "viewer", locale: "xx" });
    expect(badLocale.body).toMatchObject({ errors: { locale: "invalid" } });
    const badIntent = await run(membersRoute.action, post(path, owner.token, { intent: "explode" }), {
      slug: campaign.slug,
    });
    expect(badIntent.status).toBe(400);
    expect((await queuedMails(getDb())).length).toBe(before);
  });

  it("changes roles and removes members, but never the last owner", async () => {
    const campaign = await createCampaign(getDb());
    const owner = await member(campaign.id, "owner");
    const other = await member(campaign.id, "editor");
    const path = membersPath(campaign.slug);
    const act = (fields: Record<string, string>, token = owner.token) =>
      run(membersRoute.action, post(path, token, fields), { slug: campaign.slug });

    // The only owner can neither step down nor leave.
    const demoteSelf = await act({ intent: "role", organizerId: String(owner.id), role: "editor" });
    expect(demoteSelf.status).toBe(400);
    expect(demoteSelf.body).toEqual({ kind: "refused", reason: "lastOwner" });
    expect((await act({ intent: "remove", organizerId: String(owner.id) })).status).toBe(400);
    expect(await findMembership(getDb(), campaign.id, owner.id)).toBe("owner");

    expect((await act({ intent: "role", organizerId: String(other.id), role: "owner" })).body).toMatchObject({
      kind: "roleChanged",
      role: "owner",
    });
    // Now there are two: the first owner may step down, after which the other is the last.
    expect((await act({ intent: "role", organizerId: String(owner.id), role: "moderator" })).status).toBe(200);
    expect(await findMembership(getDb(), campaign.id, owner.id)).toBe("moderator");
    const lastOne = await act({ intent: "remove", organizerId: String(other.id) }, other.token);
    expect(lastOne.body).toEqual({ kind: "refused", reason: "lastOwner" });
    expect((await act({ intent: "remove", organizerId: String(owner.id) }, other.token)).body).toMatchObject({
      kind: "removed",
    });
    expect(await findMembership(getDb(), campaign.id, owner.id)).toBeNull();

    // Unknown or foreign ids and bad roles.
    const stranger = await organizer("stranger");
    for (const id of [String(stranger.id), "999999999", "abc", "-1", ""]) {
      expect((await act({ intent: "role", organizerId: id, role: "viewer" }, other.token)).status, id).toBe(404);
      expect((await act({ intent: "remove", organizerId: id }, other.token)).status, id).toBe(404);
    }
    expect((await act({ intent: "role", organizerId: String(other.id), role: "boss" }, other.token)).status).toBe(400);

    // Two owners demoting each other at the same moment: one wins, the other is refused.
    const race = await createCampaign(getDb());
    const first = await member(race.id, "owner");
    const second = await member(race.id, "owner");
    const racePath = membersPath(race.slug);
    const results = await Promise.all([
      run(membersRoute.action, post(racePath, first.token, { intent: "role", organizerId: String(second.id), role: "viewer" }), { slug: race.slug }),
      run(membersRoute.action, post(racePath, second.token, { intent: "role", organizerId: String(first.id), role: "viewer" }), { slug: race.slug }),
    ]);
    // The loser is refused (400), or, if the winner was quicker still, no longer an owner at all (404).
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([400, 404]).toContain(statuses[1]);
    const roles = await getDb().selectFrom("campaign_members").select("role").where("campaign_id", "=", race.id).execute();
    expect(roles.map((r) => r.role).sort()).toEqual(["owner", "viewer"]);

    const audit = await listAudit(getDb(), campaign.id, 20);
    expect(audit.map((a) => a.action).filter((a) => a.startsWith("members."))).toEqual([
      "members.removed",
      "members.role_changed",
      "members.role_changed",
    ]);
    const details = audit.find((a) => a.action === "members.role_changed")?.details;
    expect(typeof details === "string" ? JSON.parse(details) : details).toEqual({ from: "owner", to: "moderator" });
  });

  it("lets only owners and platform admins in: others and foreign campaigns get 404, other origins 403", async () => {
    const campaign = await createCampaign(getDb());
    const foreign = await createCampaign(getDb());
    const owner = await member(campaign.id, "owner");
    const foreignOwner = await member(foreign.id, "owner");
    const admin = await organizer("admin", { isAdmin: true });
    const expected: [string, string, number][] = [
      ["owner", owner.token, 200],
      ["admin", admin.token, 200],
      ["foreign owner", foreignOwner.token, 404],
    ];
    for (const role of ["editor", "moderator", "viewer"] as const) {
      expected.push([role, (await member(campaign.id, role)).token, 404]);
    }
    const path = membersPath(campaign.slug);
    for (const [who, token, status] of expected) {
      expect((await run(membersRoute.loader, get(path, token), { slug: campaign.slug })).status, who).toBe(status);
      const invite = await run(
        membersRoute.action,
        post(path, token, { intent: "invite", email: uniqueEmail("x"), role: "viewer" }),
        { slug: campaign.slug },
      );
      expect(invite.status, who).toBe(status);
    }
    const page = await run(membersRoute.loader, get(path, owner.token), { slug: campaign.slug });
    const members = (page.body as { members: { email: string; role: string; active: boolean }[] }).members;
    expect(members[0]).toMatchObject({ email: owner.email, role: "owner", active: false });
    // The four members, and the two that owner and admin invited above.
    expect(members).toHaveLength(6);
    expect((await run(membersRoute.loader, get(path, owner.token), { slug: "no-such" })).status).toBe(404);

    // The signed-out go to the sign-in page; other origins are refused before anything else.
    const out = await run(membersRoute.loader, get(path), { slug: campaign.slug });
    expect(out.status).toBe(302);
    expect(out.location).toBe(`/organizer/login?next=${encodeURIComponent(path)}`);
    for (const origin of [null, "https://evil.example"]) {
      const forged = await run(
        membersRoute.action,
        post(path, owner.token, { intent: "invite", email: uniqueEmail("forged"), role: "owner" }, origin),
        { slug: campaign.slug },
      );
      expect(forged.status, String(origin)).toBe(403);
    }
  });

  it("sends an invitation again to a member who has not signed in, within a limit (429 after it)", async () => {
    const campaign = await createCampaign(getDb());
    const owner = await member(campaign.id, "owner");
    const path = membersPath(campaign.slug);
    const act = (fields: Record<string, string>) =>
      run(membersRoute.action, post(path, owner.token, fields), { slug: campaign.slug });
    await act({ intent: "invite", email: uniqueEmail("slow"), role: "viewer" });
    const invitedId = (
      await getDb()
        .selectFrom("campaign_members")
        .select("organizer_id")
        .where("campaign_id", "=", campaign.id)
        .where("role", "=", "viewer")
        .executeTakeFirstOrThrow()
    ).organizer_id;
    const firstLink = linkToken((await lastMail()).text);
    for (let i = 0; i < 5; i++) {
      expect((await act({ intent: "resend", organizerId: String(invitedId) })).body).toMatchObject({ kind: "resent" });
    }
    const limited = await act({ intent: "resend", organizerId: String(invitedId) });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ kind: "limited" });
    expect(await auditActions(campaign.id)).toContain("members.invitation_resent");

    // Each mail carries a working link; once the member signed in, there is nothing to re-send.
    expect((await describeLoginLink(firstLink)).state).toBe("ready");
    await consumeLoginToken(firstLink, null);
    const active = await act({ intent: "resend", organizerId: String(invitedId) });
    expect(active.status).toBe(400);
    expect(active.body).toEqual({ kind: "refused", reason: "alreadyActive" });
    const page = await run(membersRoute.loader, get(path, owner.token), { slug: campaign.slug });
    const invited = (page.body as { members: { id: number; active: boolean }[] }).members.find((m) => m.id === invitedId);
    expect(invited?.active).toBe(true);
  });

  it("shows the organizers page to platform admins only, and invites organizers without a campaign", async () => {
    const campaign = await createCampaign(getDb());
    const admin = await organizer("platform", { isAdmin: true });
    const owner = await member(campaign.id, "owner");
    const path = "/organizer/admin/organizers";
    expect((await run(adminRoute.loader, get(path, owner.token))).status).toBe(404);
    expect((await run(adminRoute.action, post(path, owner.token, { intent: "invite", email: uniqueEmail("x") }))).status).toBe(
      404,
    );
    expect((await run(adminRoute.action, post(path, admin.token, { intent: "invite", email: uniqueEmail("x") }, "https://evil.example"))).status).toBe(403);

    const page = await run(adminRoute.loader, get(path, admin.token));
    const rows = (page.body as { organizers: { id: number; email: string; isAdmin: boolean; campaigns: number }[] })
      .organizers;
    expect(rows.find((r) => r.id === owner.id)).toMatchObject({ isAdmin: false, campaigns: 1 });
    expect(rows.find((r) => r.id === admin.id)).toMatchObject({ isAdmin: true, campaigns: 0 });

    const newAdmin = uniqueEmail("new-admin");
    const invited = await run(
      adminRoute.action,
      post(path, admin.token, { intent: "invite", email: newAdmin, admin: "on", locale: "es" }),
    );
    expect(invited.body).toMatchObject({ kind: "invited", created: true });
    const account = await getDb()
      .selectFrom("organizers")
      .select(["id", "is_admin", "locale"])
      .where("email", "=", newAdmin)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ is_admin: true, locale: "es" });
    const mail = await lastMail();
    expect(mail.to).toBe(newAdmin);
    expect(mail.text).toContain("Aceptar y entrar");
    const consumed = await consumeLoginToken(linkToken(mail.text), null);
    expect(consumed).toMatchObject({ kind: "ok", next: "/organizer/totp-setup" });

    const again = await run(adminRoute.action, post(path, admin.token, { intent: "invite", email: newAdmin.toUpperCase() }));
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ errors: { email: "alreadyExists" } });
    expect((await run(adminRoute.action, post(path, admin.token, { intent: "invite", email: "nope" }))).status).toBe(400);

    const entries = await getDb()
      .selectFrom("audit_entries")
      .select(["action", "campaign_id"])
      .where("organizer_id", "=", admin.id)
      .execute();
    expect(entries).toEqual([{ action: "organizers.invited", campaign_id: null }]);
  });

  it("disables an organizer: sessions end at once, no sign-in, links dead; never oneself or the last admin", async () => {
    const admin = await organizer("disabler", { isAdmin: true });
    const target = await organizer("target");
    const path = "/organizer/admin/organizers";
    // The target holds an unused link and a live session.
    const before = (await queuedMails(getDb())).length;
    await requestLoginLink(target.email);
    const mails = await queuedMails(getDb());
    expect(mails).toHaveLength(before + 1);
    const pending = linkToken(mails.at(-1)!.text);
    expect(await findValidSession(target.token)).not.toBeNull();

    const disabled = await run(adminRoute.action, post(path, admin.token, { intent: "disable", organizerId: String(target.id) }));
    expect(disabled.body).toMatchObject({ kind: "disabled", sessionsEnded: 1 });
    // The rows are gone at once (not only refused when next read).
    expect(
      await getDb().selectFrom("sessions").select("id_hash").where("organizer_id", "=", target.id).execute(),
    ).toEqual([]);
    expect(await findValidSession(target.token)).toBeNull();
    expect((await consumeLoginToken(pending, null)).kind).toBe("invalid");
    const count = (await queuedMails(getDb())).length;
    await requestLoginLink(target.email);
    expect((await queuedMails(getDb())).length).toBe(count);

    // Enabled again, the account can ask for a link.
    expect((await run(adminRoute.action, post(path, admin.token, { intent: "enable", organizerId: String(target.id) }))).body).toMatchObject({ kind: "enabled" });
    await requestLoginLink(target.email);
    expect((await queuedMails(getDb())).length).toBe(count + 1);

    const self = await run(adminRoute.action, post(path, admin.token, { intent: "disable", organizerId: String(admin.id) }));
    expect(self.status).toBe(400);
    expect(self.body).toEqual({ kind: "refused", reason: "cannotDisableSelf" });
    expect((await run(adminRoute.action, post(path, admin.token, { intent: "disable", organizerId: "999999999" }))).status).toBe(404);

    const audit = await getDb()
      .selectFrom("audit_entries")
      .select(["action", "campaign_id", "subject_id"])
      .where("organizer_id", "=", admin.id)
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { action: "organizers.disabled", campaign_id: null, subject_id: String(target.id) },
      { action: "organizers.enabled", campaign_id: null, subject_id: String(target.id) },
    ]);

    // The last admin who can sign in stays (as when two admins disable each other at once).
    const other = await organizer("last-admin", { isAdmin: true });
    await getDb().updateTable("organizers").set({ disabled_at: new Date() }).where("is_admin", "=", true).where("id", "!=", other.id).execute();
    const refused = await disableOrganizer(
      { id: admin.id, email: admin.email, locale: "en", isAdmin: true },
      { organizerId: other.id },
    );
    expect(refused).toEqual({ kind: "refused", reason: "lastAdmin" });
    await getDb().updateTable("organizers").set({ disabled_at: null }).where("is_admin", "=", true).execute();
  });

  it("keeps ?next= through the mailed link and the second factor; foreign targets fall back to the dashboard", async () => {
    const campaign = await createCampaign(getDb());
    const o = await member(campaign.id, "viewer");
    const { app } = await withTotp(o.id);
    const target = `/organizer/campaigns/${campaign.slug}/signatures`;

    const form = await run(loginRoute.loader, get(`/organizer/login?next=${encodeURIComponent(target)}`));
    expect(form.body).toEqual({ next: target });
    const sent = await run(loginRoute.action, post("/organizer/login", undefined, { email: o.email, next: target }));
    expect(sent.body).toEqual({ sent: true });
    const token = linkToken((await lastMail()).text);
    expect(await describeLoginLink(token)).toEqual({ state: "ready", kind: "login" });
    const consumed = await consumeLoginToken(token, null);
    if (consumed.kind !== "ok") throw new Error(consumed.kind);
    expect(consumed.next).toBe(`/organizer/totp?next=${encodeURIComponent(target)}`);
    const session = consumed.sessionToken;
    // The next step's code (the setup used this one).
    const code = app.generate({ timestamp: Date.now() + 30_000 });
    const done = await run(totpRoute.action, post(consumed.next, session, { code }));
    expect(done.status).toBe(302);
    expect(done.location).toBe(target);

    for (const hostile of ["https://evil.example/organizer", "//evil.example", "/organizer/../admin", "/elsewhere"]) {
      await requestLoginLink(o.email, hostile);
      const link = linkToken((await lastMail()).text);
      const result = await consumeLoginToken(link, null);
      expect(result.kind === "ok" && result.next, hostile).toBe("/organizer/totp");
    }
  });

  it("refuses a TOTP code that was already used, or an older one", async () => {
    const o = await organizer("replay");
    const { app, setupCode } = await withTotp(o.id);
    const token = await signedIn(getDb(), o.id, null);
    const session = (await findValidSession(token))!;
    // The code that turned TOTP on cannot sign in again.
    expect(await verifySecondFactor(session, setupCode)).toEqual({ kind: "wrong-code" });
    const nextStepAt = Date.now() + 30_000;
    const next = app.generate({ timestamp: nextStepAt });
    expect(await verifySecondFactor(session, next)).toEqual({ kind: "ok" });
    expect(await verifySecondFactor(session, next)).toEqual({ kind: "wrong-code" });
    expect(await verifySecondFactor(session, app.generate({ timestamp: Date.now() - 30_000 }))).toEqual({
      kind: "wrong-code",
    });
    const stored = await getDb()
      .selectFrom("organizers")
      .select("totp_last_step")
      .where("id", "=", o.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_last_step).toBe(Math.floor(nextStepAt / 30_000));
  });

  it("gives a right code's point back, so only wrong codes add up to the limit", async () => {
    const o = await organizer("steady");
    const { app } = await withTotp(o.id);
    const token = await signedIn(getDb(), o.id, null);
    const right = app.generate({ timestamp: Date.now() + 30_000 });
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) {
      expect((await run(totpRoute.action, post("/organizer/totp", token, { code: wrong }))).status).toBe(400);
    }
    expect((await run(totpRoute.action, post("/organizer/totp", token, { code: right }))).status).toBe(302);
    // Four wrong and one right: a fifth wrong code is still judged, not refused as too many.
    expect((await run(totpRoute.action, post("/organizer/totp", token, { code: wrong }))).status).toBe(400);
    expect((await run(totpRoute.action, post("/organizer/totp", token, { code: wrong }))).status).toBe(429);
  });

  it("answers 429 with a message once too many codes were tried, even for a right one", async () => {
    const o = await organizer("guesser");
    const { app } = await withTotp(o.id);
    const token = await signedIn(getDb(), o.id, null);
    const right = app.generate({ timestamp: Date.now() + 30_000 });
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const attempt = await run(totpRoute.action, post("/organizer/totp", token, { code: i === 4 ? "not-a-recovery-code" : wrong }));
      expect(attempt.status, `attempt ${i + 1}`).toBe(400);
      expect(attempt.body).toEqual({ error: "wrong-code" });
    }
    const limited = await run(totpRoute.action, post("/organizer/totp", token, { code: right }));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: "limited" });
    expect(Number(limited.headers?.get("Retry-After"))).toBeGreaterThan(0);
    expect((await findValidSession(token))?.secondFactorAt).toBeNull();
    // Another organizer is not affected.
    const other = await organizer("bystander");
    const { app: otherApp } = await withTotp(other.id);
    const otherToken = await signedIn(getDb(), other.id, null);
    const fine = await run(
      totpRoute.action,
      post("/organizer/totp", otherToken, { code: otherApp.generate({ timestamp: Date.now() + 30_000 }) }),
    );
    expect(fine.status).toBe(302);
  });
});
