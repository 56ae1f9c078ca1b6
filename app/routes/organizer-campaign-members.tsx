// Placeholder: answered 404 until the page is built.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function Placeholder() {
  return null;
}
