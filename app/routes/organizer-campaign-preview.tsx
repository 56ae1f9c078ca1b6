import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { CampaignView } from "~/components/campaign-view";
import { isLocale, LOCALES } from "~/domain/vocab";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound } from "~/http/responses";
import { LOCALE_NAMES } from "~/i18n/config";
import { useI18nInstance } from "~/i18n/client";
import { loadCampaignPreview } from "~/services/campaign-preview.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("preview");

/** Unknown campaigns, roles that may not edit and unknown languages all answer 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  if (!isLocale(params.locale)) notFound();
  const preview = await loadCampaignPreview(access, params.locale);
  if (preview.kind === "not-found") notFound();
  return preview;
}

/**
 * The campaign page as its readers in one language see it (drafts included), under a
 * banner; the page body speaks the previewed language, the banner the organizer's.
 */
export default function OrganizerCampaignPreview() {
  const { locale, view, resources } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organizer");
  const pageI18n = useI18nInstance(locale, resources);
  const base = `/organizer/campaigns/${view.campaign.slug}`;
  return (
    <>
      <div className="notice" role="status">
        <p>{t("preview.banner")}</p>
        {view.campaign.status === "draft" ? <p>{t("preview.draft")}</p> : null}
        <p>
          <Link to={base}>{t("preview.back")}</Link> · {t("preview.languages")}:{" "}
          {LOCALES.map((l, i) => (
            <span key={l}>
              {i > 0 ? " · " : null}
              {l === locale ? (
                <strong lang={l}>{LOCALE_NAMES[l]}</strong>
              ) : (
                <Link to={`${base}/preview/${l}`} lang={l}>
                  {LOCALE_NAMES[l]}
                </Link>
              )}
            </span>
          ))}
        </p>
      </div>
      <I18nextProvider i18n={pageI18n}>
        <div lang={locale}>
          <CampaignView data={view} />
        </div>
      </I18nextProvider>
    </>
  );
}
