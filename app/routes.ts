import { type RouteConfig, index, route } from "@remix-run/route-config";

export default [
  index("routes/root-redirect.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("dev/mailbox", "routes/dev-mailbox.tsx"),
  route("dev/mailbox/:id", "routes/dev-mailbox-message.tsx"),
  route(":lang", "routes/lang-layout.tsx", [
    index("routes/home.tsx"),
    route("campaigns/:slug", "routes/campaign.tsx"),
    route("campaigns/:slug/signatories", "routes/signatories.tsx"),
    route("campaigns/:slug/check-inbox", "routes/check-inbox.tsx"),
    route("campaigns/:slug/thanks", "routes/thanks.tsx"),
    route("campaigns/:slug/resend", "routes/resend.tsx"),
    route("confirm/:token", "routes/confirm.tsx"),
    route("withdraw/:token", "routes/withdraw.tsx"),
    route("prisoners/:slug", "routes/prisoner.tsx"),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
