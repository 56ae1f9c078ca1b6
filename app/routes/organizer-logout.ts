import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { assertSameOrigin, logout } from "~/services/organizer-auth.server";

export async function loader() {
  return redirect("/organizer");
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  return redirect("/organizer/login", { headers: { "Set-Cookie": await logout(request) } });
}
