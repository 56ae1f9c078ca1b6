import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatMailDate } from "~/components/format";
import { getFixedT } from "~/i18n/i18n.server";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadMailboxMessage } from "~/services/mailbox.server";
import { notFound } from "~/http/responses";

/** Development only: one captured mail. A 404 unless mail is captured (no SMTP_URL). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const mail = await loadMailboxMessage(params.id);
  if (!mail) notFound();
  const t = getFixedT(negotiateLocale(request));
  return { mail, title: t("mailbox.title") };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.mail.subject} — ${data.title}` : "Undersigned" },
  { name: "robots", content: "noindex, nofollow" },
];

/**
 * The mail's HTML runs in a sandbox without scripts; its links are made to open in the whole
 * tab (see htmlForFrame) and may do so only when clicked. `allow-same-origin` lets this page
 * read the mail's height, so the frame shows the whole mail (its last links included) with no
 * scrollbar of its own; without `allow-scripts` nothing in the mail can use that access.
 */
const SANDBOX = "allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";

/** Sizes the frame to the mail it shows, now and whenever the window's width changes. */
function useFitToContent() {
  const ref = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const fit = () => {
      const doc = frame.contentDocument;
      if (!doc?.documentElement) return;
      frame.style.blockSize = "0px";
      frame.style.blockSize = `${doc.documentElement.scrollHeight + 2}px`;
    };
    fit();
    frame.addEventListener("load", fit);
    window.addEventListener("resize", fit);
    return () => {
      frame.removeEventListener("load", fit);
      window.removeEventListener("resize", fit);
    };
  }, []);
  return ref;
}

export default function DevMailboxMessage() {
  const { mail } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const subject = mail.subject || t("mailbox.noSubject");
  const frame = useFitToContent();
  return (
    <article aria-labelledby="mail-subject">
      <p>
        <Link to="/dev/mailbox">{t("mailbox.back")}</Link>
      </p>
      <h1 id="mail-subject">{subject}</h1>
      <dl className="facts">
        <dt>{t("mailbox.date")}</dt>
        <dd>
          <time dateTime={mail.date} suppressHydrationWarning>
            {formatMailDate(mail.date, i18n.language)}
          </time>
        </dd>
        <dt>{t("mailbox.from")}</dt>
        <dd>{mail.from}</dd>
        <dt>{t("mailbox.to")}</dt>
        <dd>{mail.to}</dd>
        <dt>{t("mailbox.subject")}</dt>
        <dd>{subject}</dd>
      </dl>

      <section aria-labelledby="mail-html">
        <h2 id="mail-html">{t("mailbox.htmlVersion")}</h2>
        <p className="empty">{t("mailbox.linksNote")}</p>
        <iframe
          ref={frame}
          className="mail-frame"
          title={t("mailbox.frameTitle", { subject })}
          sandbox={SANDBOX}
          srcDoc={mail.frameHtml}
          referrerPolicy="no-referrer"
        />
      </section>

      <section aria-labelledby="mail-text">
        <h2 id="mail-text">{t("mailbox.textVersion")}</h2>
        <pre className="mail-text">{mail.text}</pre>
      </section>
    </article>
  );
}
