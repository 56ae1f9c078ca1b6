import type { LoaderFunctionArgs } from "@remix-run/node";
import { servePrisonerPhoto } from "~/services/prisoner-editing.server";

/** `/media/prisoners/:file`: a prisoner's photo (WebP, named after its content, cached for good). */
export async function loader({ params }: LoaderFunctionArgs) {
  return servePrisonerPhoto(params.file);
}
