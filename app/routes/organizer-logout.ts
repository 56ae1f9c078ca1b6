import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { assertSameOrigin, logout } from "~/http/organizer-access.server";

export async function loader() {
  return redirect("/organizer");
}

export async function action({ request }: ActionFunctionArgs) {
  // Signing out needs no valid session, so no guard: the Origin is checked here.
  assertSameOrigin(request);
  return redirect("/organizer/login", { headers: { "Set-Cookie": await logout(request) } });
}
