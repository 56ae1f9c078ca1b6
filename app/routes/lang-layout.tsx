import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { isLocale } from "~/domain/vocab";
import { negotiateLocale } from "~/i18n/negotiate.server";

/** Sections that exist under every language; an unprefixed link to one is redirected. */
const SECTIONS = new Set(["campaigns", "prisoners"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (isLocale(params.lang)) return null;
  const url = new URL(request.url);
  if (params.lang && SECTIONS.has(params.lang)) {
    return redirect(`/${negotiateLocale(request)}${url.pathname}${url.search}`, {
      headers: { Vary: "Cookie, Accept-Language", "Cache-Control": "private, no-cache" },
    });
  }
  throw new Response("Not found", { status: 404 });
}

export default function LangLayout() {
  return <Outlet />;
}
