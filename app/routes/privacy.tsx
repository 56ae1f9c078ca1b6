import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PUBLIC_PAGE_CACHE } from "~/http/responses";
import { requireLocale } from "~/i18n/route-locale";
import { privacyPage } from "~/services/privacy-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} — Undersigned` : "Undersigned" },
];

export const headers: HeadersFunction = () => ({ "Cache-Control": PUBLIC_PAGE_CACHE });

/** What this site keeps about signers, why, for how long, who else sees it: in every language. */
export function loader({ params }: LoaderFunctionArgs) {
  return privacyPage(requireLocale(params));
}

export default function PrivacyPage() {
  const page = useLoaderData<typeof loader>();
  return (
    <article className="privacy-page prose" aria-labelledby="privacy-title">
      <h1 id="privacy-title">{page.title}</h1>
      <p className="lead">{page.lead}</p>
      {page.sections.map((s) => (
        <section key={s.id} id={s.id} aria-labelledby={`privacy-${s.id}`}>
          <h2 id={`privacy-${s.id}`}>{s.heading}</h2>
          {s.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ))}
    </article>
  );
}
