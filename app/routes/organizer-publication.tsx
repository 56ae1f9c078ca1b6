import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/config";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadPublicationPage } from "~/services/publication.server";
import publicationStyles from "~/styles/publication.css?url";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("publication");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: publicationStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "view");
  return loadPublicationPage(access, {
    lang: new URL(request.url).searchParams.get("lang"),
    uiLocale: negotiateLocale(request),
  });
}

/** The list of signatories as they agreed to be shown, ready to print or to copy as text. */
export default function OrganizerPublication() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("exports");
  return (
    <section className="publication-page" aria-labelledby="publication-title">
      <div className="publication-toolbar">
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("export.back")}</Link>
        <Form method="get">
          <label>
            {t("publication.language")}{" "}
            <select name="lang" defaultValue={page.locale}>
              {SUPPORTED_LOCALES.map((l) => (
                <option key={l} value={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit" className="button button--small">
            {t("publication.show")}
          </button>
        </Form>
        <a href={`/organizer/campaigns/${page.slug}/publication-text?lang=${page.locale}`}>
          {t("publication.plainText")}
        </a>
        <button type="button" className="button button--small" onClick={() => window.print()}>
          {t("publication.print")}
        </button>
      </div>
      <div lang={page.locale}>
        <h1 id="publication-title">{page.title}</h1>
        {page.groups.map((g) => (
          <section key={g.key} className="publication__group">
            <h2>{g.heading}</h2>
            <ul className="publication__entries">
              {g.entries.map((e, i) => (
                <li key={i} className={e.notable ? "publication__notable" : undefined}>
                  {e.text}
                </li>
              ))}
            </ul>
            {g.unlisted ? <p>{g.unlisted}</p> : null}
          </section>
        ))}
        <p>{page.summary}</p>
      </div>
      <p className="publication__evidence">{t("publication.evidence", { sha256: page.sha256 })}</p>
    </section>
  );
}
