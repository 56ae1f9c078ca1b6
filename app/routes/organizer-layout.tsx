import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { OrganizerBar } from "~/components/organizer-bar";
import { readSession } from "~/http/organizer-access.server";
import { NO_STORE } from "~/http/responses";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadOrganizerFrame } from "~/services/campaign-overview.server";
import { ORGANIZER_ROBOTS } from "~/utils/organizer-title";

/**
 * The frame of every organizer page (a pathless layout around all /organizer routes): no
 * search engine indexes it, no browser or proxy keeps it, a signed-in organizer sees the
 * bar. Each page still asks the access guard for what it shows; this loader only reads who
 * is there (and the title of the campaign the page is about, for the tab: each page's meta is
 * utils/organizer-title.ts's organizerMeta), and never redirects.
 */
export const meta: MetaFunction<typeof loader> = () => [{ title: "Undersigned" }, ORGANIZER_ROBOTS];
export const headers: HeadersFunction = () => ({ "Cache-Control": NO_STORE });

/** The campaign a page is about, from its address (prisoners have slugs too). */
function campaignSlugOf(url: URL): string | undefined {
  const slug = /^\/organizer\/campaigns\/([^/]+)/.exec(url.pathname)?.[1];
  return slug === "new" ? undefined : slug;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await readSession(request);
  return loadOrganizerFrame(session, campaignSlugOf(new URL(request.url)), negotiateLocale(request));
}

/** Moving to another campaign's page reads that campaign's title. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || campaignSlugOf(currentUrl) !== campaignSlugOf(nextUrl);

export default function OrganizerLayout() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <div className="organizer">
      {email ? <OrganizerBar email={email} /> : null}
      <Outlet />
    </div>
  );
}
