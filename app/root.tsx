import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { isLocale } from "~/domain/vocab";
import { useI18nInstance } from "~/i18n/client";
import { localeDirection } from "~/i18n/config";
import { resourcesFor, type ResourceScope } from "~/i18n/i18n.server";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { getConfig } from "~/utils/env.server";
import { useNonce } from "~/utils/nonce";
import styles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/**
 * Organizer pages get the back office's strings; every other page only the public ones, and
 * the campaign page itself only those it shows (CAMPAIGN_NAMESPACES).
 */
function resourceScope(pathname: string): ResourceScope {
  if (/^\/organizer(\/|$)/.test(pathname)) return "organizer";
  return /^\/[a-z]{2}\/campaigns\/[^/]+\/?$/.test(pathname) ? "campaign" : "public";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = isLocale(params.lang) ? params.lang : negotiateLocale(request);
  const config = getConfig();
  return {
    locale,
    appUrl: config.appUrl,
    demoMode: config.embedded,
    resources: resourcesFor(locale, resourceScope(new URL(request.url).pathname)),
  };
}

/** A client-side move between a public page and an organizer page needs the other strings. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  resourceScope(currentUrl.pathname) !== resourceScope(nextUrl.pathname) || defaultShouldRevalidate;

/** Routes with `handle: { bare: true }` (the embeddable widget) render without site chrome. */
function useBare(): boolean {
  return useMatches().some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? "en";
  const nonce = useNonce();
  const bare = useBare();
  return (
    <html lang={locale} dir={localeDirection(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <link rel="alternate" type="application/atom+xml" href={`/feeds/${locale}/updates.atom`} />
      </head>
      <body>
        {children}
        {/* In another site's frame, storage may be off limits (third-party blocking). */}
        {bare ? null : <ScrollRestoration nonce={nonce} />}
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

type RootLoaderData = Awaited<ReturnType<typeof loader>>;

function Shell({ data, children }: { data: RootLoaderData; children: ReactNode }) {
  const { locale, resources, demoMode } = data;
  const i18n = useI18nInstance(locale, resources);
  if (useBare()) {
    return (
      <I18nextProvider i18n={i18n}>
        <main id="main">{children}</main>
      </I18nextProvider>
    );
  }
  return (
    <I18nextProvider i18n={i18n}>
      <SkipLink />
      <SiteHeader locale={locale} />
      <main id="main" className="page">
        {children}
      </main>
      <SiteFooter demoMode={demoMode} />
    </I18nextProvider>
  );
}

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t("nav.skipToContent")}
    </a>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <Shell data={data}>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!data) {
    // The root loader itself failed (e.g. the database is down): plain page, no i18n data.
    return (
      <main className="page">
        <h1>{status === 404 ? "Page not found" : "Something went wrong"}</h1>
        <p>
          <a href="/">Undersigned</a>
        </p>
      </main>
    );
  }
  return (
    <Shell data={data}>
      <ErrorPage status={status} />
    </Shell>
  );
}
