import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CampaignView } from "~/components/campaign-view";
import { getFixedT } from "~/i18n/i18n.server";
import { requireLocale } from "~/i18n/route-locale";
import { signatureErrorMap, signatureSchema } from "~/schemas/signature";
import { loadCampaignView } from "~/services/campaign-page.server";
import { submitSignature } from "~/services/signing.server";
import { readForm } from "~/http/forms.server";
import { notFound, PUBLIC_PAGE_CACHE } from "~/http/responses";
import { pageMeta, rootDataFrom } from "~/utils/seo";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const ref = new URL(request.url).searchParams.get("ref");
  const page = await loadCampaignView(params.slug ?? "", requireLocale(params), { ref });
  if (!page) notFound();
  return page;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const slug = params.slug ?? "";
  const t = getFixedT(locale);
  const submission = parseWithZod(await readForm(request), { schema: signatureSchema, errorMap: signatureErrorMap });
  const result = await submitSignature(slug, locale, submission, { ip: context.clientIp });
  switch (result.kind) {
    case "accepted":
      return redirect(`/${locale}/campaigns/${slug}/check-inbox`);
    case "invalid":
      return data({ lastResult: result.reply, formError: null }, { status: 400 });
    case "rate-limited":
      return data(
        { lastResult: null, formError: t("sign:rateLimited") },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    case "not-open":
      return data({ lastResult: null, formError: t("sign:notOpen") }, { status: 409 });
    case "not-found":
      notFound();
  }
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? PUBLIC_PAGE_CACHE,
});

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: "Undersigned" }];
  const root = rootDataFrom(matches);
  const path = `/campaigns/${data.campaign.slug}`;
  return pageMeta({
    title: `${data.text.title} — Undersigned`,
    socialTitle: data.text.title,
    description: data.text.description,
    root,
    path,
    image: `${root?.appUrl ?? ""}/${root?.locale ?? "en"}${path}/card.png`,
  });
};

export default function CampaignPage() {
  return <CampaignView data={useLoaderData<typeof loader>()} actionData={useActionData<typeof action>()} />;
}
