import { checkHealth } from "~/services/health.server";

/** For load balancers: 200 when this instance can reach its database, 503 otherwise. */
export async function loader() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
