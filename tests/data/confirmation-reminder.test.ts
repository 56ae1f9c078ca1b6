import { beforeAll, expect, it } from "vitest";
import { sendConfirmationReminders } from "~/services/confirmation-reminders.server";
import { confirmSignature, submitSignature } from "~/services/signing.server";
import { describeEachDatabase, useAppServices } from "../setup/databases";
import { createCampaign } from "../factories";
import { emailHashesOf, freshIps, linksIn, queuedMails, signatureForm, validFields } from "../signing-helpers";

const freshIp = freshIps(14);
const HOUR = 3600_000;

/** Issue 12: one reminder after 24 hours, in the signer's language, with the same link; never a second. */
describeEachDatabase("confirmation reminder", (getDb, _kind, info) => {
  useAppServices(getDb, info);
  const slug = "reminder-test";
  beforeAll(async () => {
    await createCampaign(getDb(), {
      slug,
      translations: [
        { locale: "en", status: "original", title: "Free the test prisoner", summary: "", body: "We ask." },
        { locale: "ru", status: "reviewed", title: "Свободу узнику", summary: "", body: "Мы просим." },
      ],
    });
  });

  async function sign(locale: "en" | "ru", hoursAgo: number) {
    const fields = validFields();
    expect((await submitSignature(slug, locale, signatureForm(fields), freshIp())).kind).toBe("accepted");
    const mail = (await queuedMails(getDb())).at(-1)!;
    await getDb()
      .updateTable("signatures")
      .set({ created_at: new Date(Date.now() - hoursAgo * HOUR) })
      .where("email_hash", "in", emailHashesOf(fields.email))
      .execute();
    return { email: fields.email, confirm: linksIn(mail.text).confirm! };
  }

  const mailsTo = async (email: string) => (await queuedMails(getDb())).filter((m) => m.to === email);

  it("reminds once after a day, in the signer's language, with the same link", async () => {
    const late = await sign("ru", 25);
    const fresh = await sign("en", 2);
    const confirmed = await sign("en", 30);
    expect((await confirmSignature(confirmed.confirm)).kind).toBe("confirmed");
    const nearlyExpired = await sign("en", 14 * 24 - 12);

    await sendConfirmationReminders();
    const reminders = await mailsTo(late.email);
    expect(reminders).toHaveLength(2);
    const reminder = reminders[1]!;
    expect(reminder.subject).toContain("Напоминание");
    expect(reminder.subject).toContain("Свободу узнику");
    expect(linksIn(reminder.text).confirm).toBe(late.confirm);
    for (const other of [fresh, confirmed, nearlyExpired]) expect(await mailsTo(other.email)).toHaveLength(1);

    // Never a second, however often the sweep runs.
    await sendConfirmationReminders();
    await sendConfirmationReminders(getDb(), new Date(Date.now() + 3 * 24 * HOUR));
    expect(await mailsTo(late.email)).toHaveLength(2);
    // The reminded link still confirms.
    expect((await confirmSignature(late.confirm)).kind).toBe("confirmed");
  });

  it("sends one reminder even when sweeps run at once", async () => {
    const late = await sign("en", 26);
    await Promise.all(Array.from({ length: 5 }, () => sendConfirmationReminders()));
    expect(await mailsTo(late.email)).toHaveLength(2);
  });
});
