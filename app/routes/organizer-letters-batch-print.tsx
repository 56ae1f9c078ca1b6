import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { notFound, orNotFound } from "~/http/responses";
import { loadBatchPrint } from "~/services/letters-batches.server";
import lettersPrintStyles from "~/styles/letters-print.css?url";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("letterBatchPrint");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: lettersPrintStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "edit");
  if (!/^[1-9]\d{0,8}$/.test(params.batchId ?? "")) notFound();
  return orNotFound(await loadBatchPrint(access, Number(params.batchId)));
}

/**
 * The batch on A4, one letter a page: the address block and the name line as the prison
 * requires them, the text to post, the original below it when asked, the writer's first name
 * and country, and the request to answer in block letters. Nothing else of the writer.
 */
export default function OrganizerLetterBatchPrint() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("orgLetters");
  return (
    <section className="letters-print" aria-label={t("print.title", { id: page.batchId })}>
      <div className="letters-print__toolbar">
        <Link to={`/organizer/campaigns/${page.slug}/letters/batches/${page.batchId}`}>{t("batch.back")}</Link>
        <span>{t("print.count", { n: page.pages.length })}</span>
        <button type="button" className="button button--small" onClick={() => window.print()}>
          {t("print.print")}
        </button>
      </div>
      {page.pages.map((p) => (
        <article key={p.id} className="letters-print__page" lang={page.language} data-testid="printed-letter">
          <p className="letters-print__address">{p.addressBlock}</p>
          <p className="letters-print__name">{p.nameLine}</p>
          <div className="letters-print__text">{p.text}</div>
          <p className="letters-print__signature">{p.signature}</p>
          <p className="letters-print__reply">{p.replyRequest}</p>
          {p.original ? (
            <div className="letters-print__original" lang={p.originalLanguage}>
              {p.original}
            </div>
          ) : null}
          <p className="letters-print__ref">#{p.id}</p>
        </article>
      ))}
    </section>
  );
}
