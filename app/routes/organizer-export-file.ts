// Placeholder: answered 404 until the route is built.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}
