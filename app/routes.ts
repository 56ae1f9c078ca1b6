import { type RouteConfig, index, route } from "@remix-run/route-config";

export default [
  index("routes/root-redirect.tsx"),
  route("healthz", "routes/healthz.ts"),
  route(":lang", "routes/lang-layout.tsx", [
    index("routes/home.tsx"),
    route("campaigns/:slug", "routes/campaign.tsx"),
    route("prisoners/:slug", "routes/prisoner.tsx"),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
