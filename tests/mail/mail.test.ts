import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, startSmtpServer, type Received, type TestServer } from "../smtp";
import { escapeHtml, MAIL_KINDS, renderMail, renderMailJob, type MailJob, type RenderedMail } from "../../emails";
import { checkMailUrl } from "../../emails/layout";
import type { Locale } from "~/domain/vocab";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { resetConfig } from "~/utils/env.server";
import {
  createTransportFromUrl,
  InvalidMailError,
  InvalidMailIdError,
  isPermanentSmtpError,
  listCapturedMails,
  maskAddress,
  readCapturedMail,
  sendMail,
  sendWithTransport,
  type MailTransport,
} from "~/utils/mailer.server";

const FROM = "Undersigned <no-reply@undersigned.test>";
const TO = "signer@example.org";
const HOSTILE_NAME = `<script>alert(1)</script> & "Bob"`;
const HOSTILE_TITLE = `Free <b>Azat</b> & "all" the others`;
// A query string with "&" proves URLs are escaped in attributes and still come back intact.
const CONFIRM_URL = "https://undersigned.test/en/confirm/c0nf1rm-T0ken_abc?src=mail&n=1";
const WITHDRAW_URL = "https://undersigned.test/en/withdraw/w1thdraw-T0ken_xyz?src=mail&n=2";
const CAMPAIGN_URL = "https://undersigned.test/en/campaigns/free-azat-miftakhov";

function hrefs(html: string): string[] {
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => decode(m[1] ?? ""));
}

function textLines(text: string | undefined): string[] {
  return (text ?? "").split(/\r?\n/).map((line) => line.trim());
}

const emails = (locale: Locale) => getFixedT(locale, "emails");

// ---------------------------------------------------------------------------------------

describe("mails over real SMTP", () => {
  let server: TestServer;
  let transport: MailTransport;

  beforeAll(async () => {
    server = await startSmtpServer();
    transport = createTransportFromUrl(`smtp://127.0.0.1:${server.port}`);
  });

  afterAll(async () => {
    transport?.close();
    await server?.close();
  });

  async function deliver(rendered: RenderedMail): Promise<Received> {
    const before = server.received.length;
    await sendWithTransport(transport, { to: TO, ...rendered }, FROM);
    expect(server.received).toHaveLength(before + 1);
    return server.received[before]!;
  }

  for (const locale of ["en", "ru"] as const) {
    describe(locale, () => {
      it("delivers the signature confirmation: subject, links, escaping", async () => {
        const rendered = renderMail("signature_confirmation", locale, {
          signerName: HOSTILE_NAME,
          campaignTitle: HOSTILE_TITLE,
          confirmUrl: CONFIRM_URL,
          withdrawUrl: WITHDRAW_URL,
          expiresInDays: 7,
        });
        const { envelope, mail } = await deliver(rendered);

        expect(envelope.rcptTo.map((r) => r.address)).toEqual([TO]);
        expect(mail.from?.value[0]?.address).toBe("no-reply@undersigned.test");
        expect(mail.headers.get("auto-submitted")).toBe("auto-generated");

        // Subject in the mail's language, title as plain text.
        const expectedSubject = emails(locale)("signatureConfirmation.subject", { campaignTitle: HOSTILE_TITLE });
        expect(mail.subject).toBe(expectedSubject);
        expect(mail.subject).toMatch(locale === "ru" ? /подпись/ : /confirm your signature/);
        expect(mail.subject).toContain(HOSTILE_TITLE);

        const html = mail.html || "";
        expect(html).toContain(`<html lang="${locale}" dir="ltr">`);
        // The button comes first and is the confirmation link, exactly.
        expect(hrefs(html)[0]).toBe(CONFIRM_URL);
        expect(hrefs(html)).toContain(WITHDRAW_URL);
        // Besides, only the privacy page, which every mail links (issue 12).
        const privacy = hrefs(html).filter((href) => href.endsWith(`/${locale}/privacy`));
        expect(privacy).toHaveLength(1);
        expect(
          hrefs(html).every((href) => href === CONFIRM_URL || href === WITHDRAW_URL || privacy.includes(href)),
        ).toBe(true);
        expect(html).toContain(escapeHtml(emails(locale)("signatureConfirmation.button")));
        expect(html).toContain(escapeHtml(emails(locale)("signatureConfirmation.notYou")));

        // The name is escaped in HTML, never raw; intact in the text part.
        expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bob&quot;");
        expect(html).not.toContain("<script");
        expect(html).not.toContain("<b>Azat</b>");
        expect(mail.text).toContain(HOSTILE_NAME);
        expect(mail.text).toContain(HOSTILE_TITLE);

        const lines = textLines(mail.text);
        expect(lines).toContain(CONFIRM_URL);
        expect(lines).toContain(WITHDRAW_URL);
        expect(mail.text).toContain(emails(locale)("signatureConfirmation.expires", { count: 7 }));
        expect(mail.text).toContain(emails(locale)("signatureConfirmation.howItWorks"));
      });

      it("delivers the already-signed notice", async () => {
        const rendered = renderMail("already_signed", locale, {
          campaignTitle: HOSTILE_TITLE,
          campaignUrl: CAMPAIGN_URL,
          withdrawUrl: WITHDRAW_URL,
        });
        const { mail } = await deliver(rendered);

        expect(mail.subject).toBe(emails(locale)("alreadySigned.subject", { campaignTitle: HOSTILE_TITLE }));
        expect(mail.subject).toMatch(locale === "ru" ? /уже подписали/ : /already signed/);
        const html = mail.html || "";
        expect(hrefs(html)[0]).toBe(CAMPAIGN_URL);
        expect(hrefs(html)).toContain(WITHDRAW_URL);
        expect(html).toContain(escapeHtml(HOSTILE_TITLE));
        expect(html).not.toContain("<b>Azat</b>");
        expect(textLines(mail.text)).toEqual(expect.arrayContaining([CAMPAIGN_URL, WITHDRAW_URL]));
        expect(mail.text).toContain(HOSTILE_TITLE);
      });
    });
  }
});

describe("mail rendering", () => {
  const confirmation = (locale: Locale, expiresInDays = 7) =>
    renderMail("signature_confirmation", locale, {
      signerName: "Ada",
      campaignTitle: "Free Azat Miftakhov",
      confirmUrl: CONFIRM_URL,
      withdrawUrl: WITHDRAW_URL,
      expiresInDays,
    });

  it("renders every kind in every language, with no missing strings", () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const rendered of [
        confirmation(locale),
        renderMail("already_signed", locale, {
          campaignTitle: "Free Azat Miftakhov",
          campaignUrl: CAMPAIGN_URL,
          withdrawUrl: WITHDRAW_URL,
        }),
        renderMail("campaign_update", locale, {
          campaignTitle: "Free Azat Miftakhov",
          updateTitle: "The letter was delivered",
          updateBody: "First paragraph.\n\nSecond paragraph.",
          campaignUrl: CAMPAIGN_URL,
          unsubscribeUrl: WITHDRAW_URL,
        }),
        renderMail("manage_link", locale, { campaignTitle: "Free Azat Miftakhov", manageUrl: WITHDRAW_URL }),
        renderMail("daily_digest", locale, {
          campaignTitle: "Free Azat Miftakhov",
          newTotal: 3,
          byGroup: [{ label: "Mathematicians", count: 3 }],
          byCountry: [{ label: "France", count: 2 }],
          notable: [{ name: "Ada", title: "Professor" }],
          heldForReview: 1,
          signals: 2,
          overviewUrl: CAMPAIGN_URL,
          signalsUrl: CAMPAIGN_URL,
        }),
        renderMail("follow_up_invitation", locale, {
          earlierTitle: "Free Azat Miftakhov",
          newTitle: "Free him again",
          signUrl: CONFIRM_URL,
          unsubscribeUrl: WITHDRAW_URL,
        }),
        renderMail("signature_reminder", locale, {
          signerName: "Ada",
          campaignTitle: "Free Azat Miftakhov",
          confirmUrl: CONFIRM_URL,
          withdrawUrl: WITHDRAW_URL,
          daysLeft: 3,
        }),
        renderMail("retention_reminder", locale, {
          campaignTitle: "Free Azat Miftakhov",
          runsAt: "2027-03-06T10:00:00.000Z",
          retentionDays: 90,
          exportUrl: CAMPAIGN_URL,
          settingsUrl: CAMPAIGN_URL,
        }),
      ]) {
        for (const part of [rendered.subject, rendered.html, rendered.text]) {
          expect(part, locale).not.toMatch(/\b(mail|reminder|mailFooter)\.[a-zA-Z]/);
          expect(part, locale).not.toMatch(/signatureConfirmation\.|alreadySigned\.|campaignUpdate\.|layout\.|\{\{/);
        }
        expect(rendered.html).toContain(`lang="${locale}"`);
        expect(rendered.text).toContain("\n-- \n");
        expect(rendered.html).not.toMatch(/<(img|link|script|style)\b/i);
        expect(rendered.html).not.toMatch(/\ssrc=|url\(/i);
      }
    }
    expect(MAIL_KINDS.sort()).toEqual([
      "already_signed",
      "campaign_update",
      "daily_digest",
      "follow_up_invitation",
      "letter_confirmation",
      "letter_rejected",
      "letter_reply",
      "manage_link",
      "organizer_invitation",
      "organizer_login",
      "retention_reminder",
      "signature_confirmation",
      "signature_reminder",
    ]);
  });

  it("uses the right plural forms for the expiry", () => {
    expect(confirmation("ru", 1).text).toContain("1 день");
    expect(confirmation("ru", 3).text).toContain("3 дня");
    expect(confirmation("ru", 5).text).toContain("5 дней");
    expect(confirmation("uk", 2).text).toContain("2 дні");
    expect(confirmation("en", 1).text).toContain("1 day.");
    expect(confirmation("en", 7).text).toContain("7 days.");
  });

  it("renders a queue job and refuses unknown kinds and locales", () => {
    const job: MailJob = {
      kind: "already_signed",
      locale: "fr",
      to: TO,
      data: { campaignTitle: "Libérez Azat", campaignUrl: CAMPAIGN_URL, withdrawUrl: WITHDRAW_URL },
    };
    const rendered = renderMailJob(JSON.parse(JSON.stringify(job)) as MailJob);
    expect(rendered.to).toBe(TO);
    expect(rendered.subject).toContain("Vous avez déjà signé");
    expect(() => renderMailJob({ ...job, kind: "nope" } as unknown as MailJob)).toThrow(TypeError);
    expect(() => renderMailJob({ ...job, locale: "xx" } as unknown as MailJob)).toThrow(TypeError);
  });

  it("refuses links that are not absolute http(s) URLs", () => {
    expect(() => checkMailUrl("javascript:alert(1)")).toThrow(TypeError);
    expect(() => checkMailUrl("/en/confirm/abc")).toThrow(TypeError);
    expect(() =>
      renderMail("already_signed", "en", {
        campaignTitle: "x",
        campaignUrl: "data:text/html,x",
        withdrawUrl: WITHDRAW_URL,
      }),
    ).toThrow(TypeError);
    expect(checkMailUrl(CONFIRM_URL)).toBe(CONFIRM_URL);
  });

  it("keeps the subject on one line", () => {
    const rendered = renderMail("already_signed", "en", {
      campaignTitle: "Line one\r\nBcc: victim@example.org",
      campaignUrl: CAMPAIGN_URL,
      withdrawUrl: WITHDRAW_URL,
    });
    expect(rendered.subject).not.toMatch(/[\r\n]/);
  });
});

describe("capture mode", () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-mail-"));
    // Read once by getConfig() in this test file's module graph.
    process.env.DATA_DIR = dataDir;
    process.env.SMTP_URL = "";
    process.env.MAIL_FROM = FROM;
    process.env.SESSION_SECRET = "x".repeat(40);
    // Rendering a mail reads the configuration too (the privacy link): read it again here.
    resetConfig();
  });

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("writes each mail to DATA_DIR/mail, listed newest first and readable by id", async () => {
    const first = renderMail("already_signed", "en", {
      campaignTitle: "First",
      campaignUrl: CAMPAIGN_URL,
      withdrawUrl: WITHDRAW_URL,
    });
    const second = renderMail("signature_confirmation", "ru", {
      signerName: HOSTILE_NAME,
      campaignTitle: "Second",
      confirmUrl: CONFIRM_URL,
      withdrawUrl: WITHDRAW_URL,
      expiresInDays: 7,
    });
    const a = await sendMail({ to: TO, ...first });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = await sendMail({ to: "other@example.org", ...second });
    expect(a.mode).toBe("capture");
    expect(b.mode).toBe("capture");

    const files = fs.readdirSync(path.join(dataDir, "mail"));
    expect(files.sort()).toEqual([`${a.id}.json`, `${b.id}.json`].sort());

    const list = await listCapturedMails(10);
    expect(list.map((m) => m.id)).toEqual([b.id, a.id]);
    expect(list[0]).toMatchObject({ to: "other@example.org", subject: second.subject });
    expect(await listCapturedMails(1)).toHaveLength(1);

    const stored = await readCapturedMail(b.id);
    expect(stored).toMatchObject({
      id: b.id,
      to: "other@example.org",
      from: FROM,
      subject: second.subject,
      html: second.html,
      text: second.text,
    });
    expect(Number.isNaN(Date.parse(stored?.date ?? ""))).toBe(false);
    expect(hrefs(stored?.html ?? "")[0]).toBe(CONFIRM_URL);
  });

  it("answers null for an unknown id and rejects ids that could name another file", async () => {
    expect(await readCapturedMail("20240101T000000000Z-0123456789ab")).toBeNull();
    for (const id of [
      "../etc/passwd",
      "../../../../etc/passwd",
      "/etc/passwd",
      "..%2F..%2Fetc%2Fpasswd",
      "20240101T000000000Z-0123456789ab/../../x",
      "20240101T000000000Z-0123456789ab.json",
      "",
    ]) {
      await expect(readCapturedMail(id), id).rejects.toBeInstanceOf(InvalidMailIdError);
    }
  });

  it("refuses a recipient list or a header injection, permanently", async () => {
    const mail = renderMail("already_signed", "en", {
      campaignTitle: "x",
      campaignUrl: CAMPAIGN_URL,
      withdrawUrl: WITHDRAW_URL,
    });
    for (const to of ["a@example.org, b@example.org", "a@example.org\r\nBcc: b@example.org", "not-an-address"]) {
      const error = await sendMail({ to, ...mail }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidMailError);
      expect(isPermanentSmtpError(error)).toBe(true);
    }
    const error = await sendMail({ to: TO, ...mail, headers: { "X-Test": "a\r\nBcc: b@example.org" } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidMailError);
  });

  it("masks addresses for logs", () => {
    expect(maskAddress("alice@example.org")).toBe("a***@example.org");
    expect(maskAddress("nonsense")).toBe("***");
  });
});

describe("isPermanentSmtpError", () => {
  const mail = { to: TO, subject: "Test", html: "<p>Test</p>", text: "Test" };

  async function failureFrom(port: number): Promise<unknown> {
    const transport = createTransportFromUrl(`smtp://127.0.0.1:${port}`);
    try {
      await sendWithTransport(transport, mail, FROM);
      return undefined;
    } catch (error) {
      return error;
    } finally {
      transport.close();
    }
  }

  it("is permanent when the server answers 550 to RCPT TO", async () => {
    const server = await startSmtpServer({ rejectRecipientWith: 550 });
    try {
      const error = await failureFrom(server.port);
      expect(error).toMatchObject({ responseCode: 550 });
      expect(isPermanentSmtpError(error)).toBe(true);
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("is temporary when the server answers 450 (try again later)", async () => {
    const server = await startSmtpServer({ rejectRecipientWith: 450 });
    try {
      const error = await failureFrom(server.port);
      expect(error).toMatchObject({ responseCode: 450 });
      expect(isPermanentSmtpError(error)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("is temporary when the connection is refused", async () => {
    const error = await failureFrom(await closedPort());
    expect(error).toBeInstanceOf(Error);
    expect(isPermanentSmtpError(error)).toBe(false);
  });

  it("classifies reply codes and error codes", () => {
    expect(isPermanentSmtpError({ responseCode: 553 })).toBe(true);
    expect(isPermanentSmtpError({ responseCode: 552 })).toBe(true);
    expect(isPermanentSmtpError({ responseCode: 503 })).toBe(false);
    expect(isPermanentSmtpError({ responseCode: 421 })).toBe(false);
    expect(isPermanentSmtpError({ code: "ETIMEDOUT" })).toBe(false);
    expect(isPermanentSmtpError({ code: "ECONNECTION" })).toBe(false);
    expect(isPermanentSmtpError({ code: "EAUTH", responseCode: 535 })).toBe(false);
    expect(isPermanentSmtpError(new Error("boom"))).toBe(false);
    expect(isPermanentSmtpError(undefined)).toBe(false);
  });
});
