import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import type { Locale } from "~/domain/vocab";
import { DEFAULT_LOCALE, NAMESPACES, SUPPORTED_LOCALES, type Namespace } from "./config";

type Resources = Record<string, Record<string, unknown>>;

// Every locale file, bundled into the server build (small, and no disk reads per request).
const files = import.meta.glob<{ default: Record<string, unknown> }>("../../locales/*/*.json", { eager: true });

export const resources: Record<string, Resources> = {};
for (const [file, module] of Object.entries(files)) {
  const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lng, ns] = match as unknown as [string, string, string];
  (resources[lng] ??= {})[ns] = module.default;
}

let shared: I18n | undefined;

function instance(): I18n {
  if (!shared) {
    shared = createInstance();
    void shared.init({
      resources,
      supportedLngs: [...SUPPORTED_LOCALES],
      fallbackLng: DEFAULT_LOCALE,
      ns: [...NAMESPACES],
      defaultNS: "common",
      initImmediate: false,
      interpolation: { escapeValue: false }, // React and our mail layout escape
      returnNull: false,
    });
  }
  return shared;
}

/** A translator fixed to one locale, for loaders, meta and mails. */
export function getFixedT(locale: Locale, ns: Namespace = "common"): TFunction {
  return instance().getFixedT(locale, ns);
}

/** Namespaces only the server uses (mail), kept out of every page. */
// "privacy": the privacy page's prose is rendered on the server (its loader sends the text).
const SERVER_ONLY_NAMESPACES = new Set<string>(["emails", "privacy"]);

/**
 * What a public page needs: the site chrome and public pages (common), the sign form
 * (sign), the poster and the embed code. Organizer namespaces stay on organizer pages, so
 * a reader's page does not carry the whole back office's strings.
 */
export const PUBLIC_NAMESPACES = [
  "common",
  "sign",
  "poster",
  "embed",
  "letters",
  "manage",
] as const satisfies readonly Namespace[];

/**
 * The campaign page, the page readers come to in numbers: the chrome, the sign form and the
 * footer's links (manage). Without the letter writers' strings (letters), the poster's and
 * the embed code's, which are other pages: about a tenth of its bytes. A client-side move
 * to one of those pages fetches their strings (root.tsx, shouldRevalidate).
 */
export const CAMPAIGN_NAMESPACES = [
  "common",
  "sign",
  "manage",
] as const satisfies readonly (typeof PUBLIC_NAMESPACES)[number][];

export type ResourceScope = "public" | "campaign" | "organizer";

const scoped = new Map<string, Resources>();

/**
 * The resources one page needs, sent to the browser through the root loader: the public
 * namespaces (fewer on the campaign page), or for organizer pages every namespace but mail.
 * Built once per locale and scope.
 */
export function resourcesFor(locale: Locale, scope: ResourceScope = "public"): Resources {
  const key = `${locale}:${scope}`;
  let picked = scoped.get(key);
  if (!picked) {
    const all = resources[locale] ?? resources[DEFAULT_LOCALE] ?? {};
    const wanted = (ns: string) =>
      scope === "organizer"
        ? !SERVER_ONLY_NAMESPACES.has(ns)
        : ((scope === "campaign" ? CAMPAIGN_NAMESPACES : PUBLIC_NAMESPACES) as readonly string[]).includes(ns);
    picked = Object.fromEntries(Object.entries(all).filter(([ns]) => wanted(ns)));
    scoped.set(key, picked);
  }
  return picked;
}
