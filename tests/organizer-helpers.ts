/**
 * Helpers for the data tests of organizer pages and services: requests as an organizer's
 * browser sends them, calling a route's loader or action as Remix does, and signed-in
 * organizers made directly in the database.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { MemberRole } from "../app/domain/vocab";
import { addMember, insertSession, upsertOrganizer } from "../app/models/organizer.server";
import { SESSION_COOKIE } from "../app/http/organizer-access.server";
import type { DB } from "../app/utils/db.server";
import { hashToken, newToken } from "../app/utils/tokens.server";

/** The app's own origin, as the tests' requests name it. */
export const APP = "http://localhost:3000";

/** The fields of a submitted form. */
export type Form = Record<string, string>;

export interface RequestOptions {
  /** The session token, sent as the session cookie; none (or empty) for an anonymous visitor. */
  token?: string;
  /** GET unless a form is given (then POST). */
  method?: "GET" | "POST";
  /** Sent url-encoded as the body, with its Content-Type. */
  form?: Form;
  /** The Origin header of a POST: the app's own unless named; `null` sends none. */
  origin?: string | null;
  /** Further headers. */
  headers?: Record<string, string>;
}

/** A request to the app at `path` (a path and query, without the origin). */
export function request(path: string, opts: RequestOptions = {}): Request {
  const method = opts.method ?? (opts.form ? "POST" : "GET");
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("Cookie", `${SESSION_COOKIE}=${opts.token}`);
  if (method === "POST" && opts.origin !== null) headers.set("Origin", opts.origin ?? APP);
  if (opts.form) headers.set("Content-Type", "application/x-www-form-urlencoded");
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Request(`${APP}${path}`, { method, headers, body });
}

/** A page load, signed in with `token` (anonymous without one), with any further headers. */
export function get(path: string, token?: string, headers: Record<string, string> = {}): Request {
  return request(path, { token, headers });
}

/** A form submission, signed in with `token`, from `origin` (the app's own; `null` for no Origin header). */
export function post(path: string, token: string | undefined, form: Form, origin: string | null = APP): Request {
  return request(path, { token, form, origin });
}

/** A route module's loader or action. */
export type RouteFn = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

/** What a loader or action answered, thrown Responses included. */
export interface Outcome<Body = unknown> {
  status: number;
  /** The data it returned (unwrapped from `data()`); null for a Response. */
  body: Body;
  /** Where a redirect points; null when it did not answer with a Response. */
  location: string | null;
  /** A Response's headers, or those given to `data()`; null for plain data. */
  headers: Headers | null;
}

/**
 * Calls a route's loader or action as Remix would and says what came back: plain data,
 * `data(value, init)` (Remix's `DataWithResponseInit`), or a Response returned or thrown.
 * `params` are the route's params; a string is short for `{ slug }`.
 */
export async function run<Body = unknown>(
  fn: RouteFn,
  req: Request,
  params: Record<string, string> | string = {},
): Promise<Outcome<Body>> {
  const routeParams = typeof params === "string" ? { slug: params } : params;
  try {
    const value = await fn({ request: req, params: routeParams, context: {} });
    if (value instanceof Response) return answered(value) as Outcome<Body>;
    if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
      const wrapped = value as { data: Body; init: ResponseInit | null };
      return {
        status: wrapped.init?.status ?? 200,
        body: wrapped.data,
        location: null,
        headers: new Headers(wrapped.init?.headers),
      };
    }
    return { status: 200, body: value as Body, location: null, headers: null };
  } catch (error) {
    if (error instanceof Response) return answered(error) as Outcome<Body>;
    throw error;
  }
}

/** An outcome's status and data alone, to compare whole (`toEqual`) with what a route should answer. */
export function reply({ status, body }: Outcome): { status: number; body: unknown } {
  return { status, body };
}

function answered(response: Response): Outcome<null> {
  return { status: response.status, body: null, location: response.headers.get("Location"), headers: response.headers };
}

/** The status (and redirect target) of the Response a service threw: 200 when it threw none. */
export async function thrown(promise: Promise<unknown>): Promise<{ status: number; location: string | null }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    throw error;
  }
  return { status: 200, location: null };
}

/** The session token a Set-Cookie header sets. */
export function cookieToken(cookie: string): string {
  const match = new RegExp(`^${SESSION_COOKIE}=([A-Za-z0-9_-]{43});`).exec(cookie);
  if (!match?.[1]) throw new Error(`no session in ${cookie}`);
  return match[1];
}

let emailSeq = 0;

/** An address nobody else in the test run has: `name-N-random@example.org`. */
export function uniqueEmail(name: string): string {
  return `${name}-${++emailSeq}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

/**
 * A session of the organizer, made directly in the database, valid for an hour; its token.
 * It passed the second factor at `secondFactorAt` (now by default; null: not yet).
 */
export async function signedIn(db: DB, organizerId: number, secondFactorAt: Date | null = new Date()): Promise<string> {
  const token = newToken();
  await insertSession(db, {
    idHash: hashToken(token),
    organizerId,
    expiresAt: new Date(Date.now() + 3600_000),
    secondFactorAt,
  });
  return token;
}

/**
 * A new organizer with `role` in the campaign (or, for "admin", an administrator with no
 * membership), signed in with both factors; the session token.
 */
export async function signedInMember(db: DB, campaignId: number, role: MemberRole | "admin"): Promise<string> {
  const o = await upsertOrganizer(db, { email: uniqueEmail(role), isAdmin: role === "admin" });
  if (role !== "admin") await addMember(db, campaignId, o.id, role);
  return signedIn(db, o.id);
}
