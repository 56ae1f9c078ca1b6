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
  description,
  root,
  path,
  locales = SUPPORTED_LOCALES,
}: {
  title: string;
  description?: string;
  root: RootData | undefined;
  /** The path after the language prefix, starting with "/" (or "" for the home page). */
  path: string;
  locales?: readonly Locale[];
}): MetaDescriptor[] {
  const appUrl = root?.appUrl ?? "";
  const locale = root?.locale ?? "en";
  const url = (lng: Locale) => `${appUrl}/${lng}${path}`;
  const meta: MetaDescriptor[] = [
    { title },
    { property: "og:title", content: title },
    { property: "og:type", content: "website" },
    { property: "og:url", content: url(locale) },
    { property: "og:locale", content: OG_LOCALES[locale] },
    { tagName: "link", rel: "canonical", href: url(locale) },
    ...locales.map((lng) => ({ tagName: "link", rel: "alternate", hrefLang: lng, href: url(lng) })),
    { tagName: "link", rel: "alternate", hrefLang: "x-default", href: `${appUrl}${path || "/"}` },
  ];
  if (description) {
    meta.push({ name: "description", content: description }, { property: "og:description", content: description });
  }
  return meta;
}

export function rootDataFrom(matches: readonly { id: string; data?: unknown }[]): RootData | undefined {
  return matches.find((m) => m.id === "root")?.data as RootData | undefined;
}
