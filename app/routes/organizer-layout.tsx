import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { OrganizerBar } from "~/components/organizer-bar";
import { readSession } from "~/http/organizer-access.server";
import { NO_STORE } from "~/http/responses";

/**
 * The frame of every organizer page (a pathless layout around all /organizer routes): no
 * search engine indexes it, no browser or proxy keeps it, and a signed-in organizer sees the
 * bar. Each page still asks the access guard for what it shows; this loader only reads who
 * is there, and never redirects.
 */
export const meta = () => [{ title: "Undersigned" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": NO_STORE });

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await readSession(request);
  return { email: session?.secondFactorAt ? session.organizer.email : null };
}

export default function OrganizerLayout() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <div className="organizer">
      {email ? <OrganizerBar email={email} /> : null}
      <Outlet />
    </div>
  );
}
