import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { negotiateLocale } from "~/i18n/negotiate.server";

/** `/` → the reader's language. Varies by cookie and Accept-Language, so caches must not share it. */
export async function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/${negotiateLocale(request)}`, {
    status: 302,
    headers: { Vary: "Cookie, Accept-Language", "Cache-Control": "private, no-cache" },
  });
}
