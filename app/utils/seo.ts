import type { MetaDescriptor } from "@remix-run/node";
import { OG_LOCALES, SUPPORTED_LOCALES } from "~/i18n/config";
import type { Locale } from "~/domain/vocab";

export interface RootData {
  locale: Locale;
  appUrl: string;
  demoMode: boolean;
}

/** Title, description, canonical URL, hreflang alternates and Open Graph basics for one page. */
export function pageMeta({
  title,
  socialTitle = title,
  description,
  root,
  path,
  locales = SUPPORTED_LOCALES,
  image,
  imageAlt = socialTitle,
}: {
  title: string;
  /** The title shared on social networks, when it should differ from the <title> (e.g. without the site name). */
  socialTitle?: string;
  description?: string;
  root: RootData | undefined;
  /** The path after the language prefix, starting with "/" (or "" for the home page). */
  path: string;
  locales?: readonly Locale[];
  /** Absolute URL of a 1200×630 preview image; makes the share a large card. */
  image?: string;
  imageAlt?: string;
}): MetaDescriptor[] {
  const appUrl = root?.appUrl ?? "";
  const locale = root?.locale ?? "en";
  const url = (lng: Locale) => `${appUrl}/${lng}${path}`;
  const meta: MetaDescriptor[] = [
    { title },
    { property: "og:title", content: socialTitle },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Undersigned" },
    { property: "og:url", content: url(locale) },
    { property: "og:locale", content: OG_LOCALES[locale] },
    ...locales
      .filter((lng) => lng !== locale)
      .map((lng) => ({ property: "og:locale:alternate", content: OG_LOCALES[lng] })),
    { name: "twitter:card", content: image ? "summary_large_image" : "summary" },
    { name: "twitter:title", content: socialTitle },
    { tagName: "link", rel: "canonical", href: url(locale) },
    ...locales.map((lng) => ({ tagName: "link", rel: "alternate", hrefLang: lng, href: url(lng) })),
    { tagName: "link", rel: "alternate", hrefLang: "x-default", href: `${appUrl}${path || "/"}` },
  ];
  if (description) {
    meta.push(
      { name: "description", content: description },
      { property: "og:description", content: description },
      { name: "twitter:description", content: description },
    );
  }
  if (image) {
    meta.push(
      { property: "og:image", content: image },
      { property: "og:image:width", content: "1200" },
      { property: "og:image:height", content: "630" },
      { property: "og:image:alt", content: imageAlt },
      { name: "twitter:image", content: image },
      { name: "twitter:image:alt", content: imageAlt },
    );
  }
  return meta;
}

export function rootDataFrom(matches: readonly { id: string; data?: unknown }[]): RootData | undefined {
  return matches.find((m) => m.id === "root")?.data as RootData | undefined;
}
