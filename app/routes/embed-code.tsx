import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getFixedT } from "~/i18n/i18n.server";
import { requireLocale } from "~/i18n/route-locale";
import { EMBED_HEIGHT, EMBED_WIDTH, embedSnippet, loadEmbedWidget } from "~/services/open-data.server";
import { notFound, PUBLIC_PAGE_CACHE } from "~/http/responses";
import { pageMeta, rootDataFrom } from "~/utils/seo";

/** `/:lang/campaigns/:slug/embed-code`: the <iframe> code to copy, and a live preview. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const widget = await loadEmbedWidget(params.slug ?? "", locale);
  if (!widget) notFound();
  return {
    slug: widget.slug,
    title: widget.title,
    snippet: embedSnippet({ locale, slug: widget.slug, title: widget.title }),
    size: { width: EMBED_WIDTH, height: EMBED_HEIGHT },
    metaTitle: getFixedT(locale, "embed")("code.metaTitle", { title: widget.title }),
  };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": PUBLIC_PAGE_CACHE });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        ...pageMeta({
          title: `${data.metaTitle} — Undersigned`,
          root: rootDataFrom(matches),
          path: `/campaigns/${data.slug}/embed-code`,
        }),
        { name: "robots", content: "noindex" },
      ]
    : [{ title: "Undersigned" }];

export default function EmbedCodePage() {
  const { slug, title, snippet, size } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("embed");
  const [copied, setCopied] = useState(false);
  return (
    <section className="embed-code" aria-labelledby="embed-code-title" style={{ maxInlineSize: "var(--measure)" }}>
      <p className="eyebrow">
        <Link to={`/${i18n.language}/campaigns/${slug}`}>{title}</Link>
      </p>
      <h1 id="embed-code-title">{t("code.title")}</h1>
      <p>{t("code.lead")}</p>
      <p className="help">{t("code.language")}</p>
      <div className="field">
        <label htmlFor="embed-snippet">{t("code.codeLabel")}</label>
        <textarea
          id="embed-snippet"
          readOnly
          rows={4}
          value={snippet}
          onFocus={(event) => event.currentTarget.select()}
          style={{ inlineSize: "100%", fontFamily: "ui-monospace, monospace", fontSize: "0.85rem" }}
        />
      </div>
      <p>
        <button
          type="button"
          className="button"
          onClick={() => {
            void navigator.clipboard?.writeText(snippet).then(() => setCopied(true));
          }}
        >
          {copied ? t("code.copied") : t("code.copy")}
        </button>
      </p>
      <h2>{t("code.preview")}</h2>
      <iframe
        src={`/embed/${i18n.language}/${slug}`}
        title={title}
        width={size.width}
        height={size.height}
        style={{ border: 0, maxInlineSize: "100%" }}
      />
      <p>
        <Link to={`/${i18n.language}/campaigns/${slug}`}>{t("code.back")}</Link>
      </p>
    </section>
  );
}
