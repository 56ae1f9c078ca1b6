import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SignatureProgress } from "~/components/progress";
import { requireLocale } from "~/i18n/route-locale";
import { loadEmbedWidget } from "~/services/open-data.server";
import { notFound, PUBLIC_PAGE_CACHE } from "~/http/responses";

/**
 * `/embed/:lang/:slug`: the widget other sites put in an <iframe> (the one page they may
 * frame, see server/app.js). Title, count, progress and a button that opens the campaign
 * here, in a new tab, tagged `?ref=embed`. Root renders it without header and footer.
 */
export const handle = { bare: true };

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const widget = await loadEmbedWidget(params.slug ?? "", locale);
  if (!widget) notFound();
  return { ...widget, locale };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": PUBLIC_PAGE_CACHE });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} — Undersigned` : "Undersigned" },
  // The campaign page is the one to index, not its widget.
  { name: "robots", content: "noindex" },
];

// The widget's own few rules; the site stylesheet is loaded too (progress bar, button).
const WIDGET_CSS = `
:root, body { background: transparent; }
body { min-block-size: 0; block-size: 100vh; }
#main { flex: 1; display: flex; flex-direction: column; min-block-size: 0; }
.embed { flex: 1; display: flex; flex-direction: column; gap: 0.35rem; min-block-size: 0; margin: 0;
  padding: 0.9rem 1.1rem; background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; }
.embed > * { flex-shrink: 0; }
.embed .eyebrow { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.embed__title { font-size: 1.2rem; margin: 0; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
.embed__title a { color: var(--ink); text-decoration: none; }
.embed__title a:hover { text-decoration: underline; }
.embed .progress__count { margin-block: 0.25rem; }
.embed__actions { margin: auto 0 0; padding-block-start: 0.5rem; display: flex; align-items: center; justify-content: space-between; gap: 0.5rem 0.75rem; flex-wrap: wrap; }
.embed__actions .button { margin: 0; display: inline-block; text-decoration: none; }
.embed__brand { color: var(--muted); font-size: 0.85rem; text-decoration: none; font-family: Georgia, "DejaVu Serif", serif; }
.embed__brand span { color: var(--accent); }
@media (max-width: 400px) {
  .embed { padding: 0.75rem 0.9rem; }
  .embed__title { font-size: 1.05rem; -webkit-line-clamp: 2; }
  .embed .progress__count { font-size: 0.9rem; }
  .embed__actions .button { padding: 0.55rem 1rem; }
}
`;

export default function EmbedWidget() {
  const { slug, kind, status, title, titleLocale, total, goal, signable, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation("embed");
  const { t: tc } = useTranslation();
  const page = `/${locale}/campaigns/${slug}`;
  const href = `${page}?ref=embed`;
  return (
    <div className="embed">
      {/* A constant of ours, not user input; as a text child React would escape its quotes. */}
      <style dangerouslySetInnerHTML={{ __html: WIDGET_CSS }} />
      <p className="eyebrow">
        {tc(`campaign.kind.${kind}`)} · {tc(`campaign.status.${status}`)}
      </p>
      <h1 className="embed__title" lang={titleLocale}>
        <a href={href} target="_blank" rel="noopener noreferrer">
          {title}
        </a>
      </h1>
      <SignatureProgress total={total} goal={goal} />
      <p className="embed__actions">
        <a className="button" href={href} target="_blank" rel="noopener noreferrer">
          {signable ? t(`widget.sign.${kind}`) : t(`widget.read.${kind}`)}
          <span className="visually-hidden"> {t("widget.newTab")}</span>
        </a>
        <a className="embed__brand" href={`/${locale}`} target="_blank" rel="noopener noreferrer">
          <span aria-hidden="true">✒</span> Undersigned
        </a>
      </p>
    </div>
  );
}
