import { randomBytes } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createFetchHandler } from "@remix-run/node";
import express from "express";
import { LRUCache } from "lru-cache";

/**
 * How long a rendered public campaign page is reused as is (PAGE_HTML_FRESH_MS), and how
 * long it may still be answered while the next rendering is under way (PAGE_HTML_STALE_MS),
 * so that no reader waits for a rendering in a spike. The page's data is itself kept
 * 1.5 seconds (app/services/public-pages.server.ts): what a reader sees is at most about
 * 3 seconds old, as before; CDNs may keep it 30 s anyway (PUBLIC_PAGE_CACHE).
 */
export const PAGE_HTML_FRESH_MS = 1_000;
export const PAGE_HTML_STALE_MS = 1_500;
/**
 * The JSON count of one campaign (`/api/campaigns/:slug`, what widgets and scripts poll) is
 * kept half a second, and answered up to a second while the next one is made; its data is
 * itself kept half a second (OPEN_DATA_TTL_MS), so a count is under a second old as a rule
 * and 1.5 s at the very most. Without this, each answer went through Remix's route
 * matching, which cost more than the rest of it.
 */
export const API_FRESH_MS = 500;
export const API_STALE_MS = 1_000;
/**
 * What is kept: campaign pages (the same for every reader of a language, nothing in them
 * depends on cookies) and a campaign's JSON answer (the same for everyone, CORS `*`).
 */
const CACHEABLE = [
  { path: /^\/[a-z]{2}\/campaigns\/[a-z0-9-]+$/, freshMs: PAGE_HTML_FRESH_MS, staleMs: PAGE_HTML_STALE_MS },
  { path: /^\/api\/campaigns\/[a-z0-9-]+$/, freshMs: API_FRESH_MS, staleMs: API_STALE_MS },
];

/**
 * Renders each public campaign page (per URL, query included) about once a second at
 * most (a JSON answer twice a second, see API_FRESH_MS) and answers the readers in between from memory: the page costs a rendering per
 * second instead of one per reader (each rendering costs as much as ~40 cached answers). Every answer still gets its own CSP nonce: the
 * page is rendered with a placeholder nonce that is swapped for the request's. Only 200
 * answers marked `public` and without cookies are kept; anything else is sent to the one
 * reader whose request rendered it (and to readers who waited for that rendering).
 */
function campaignPageCache({ build, mode }) {
  const handle = createFetchHandler(build, mode);
  const pages = new LRUCache({ max: 500, ttl: PAGE_HTML_STALE_MS });
  const rendering = new Map();

  /** One rendering per URL at a time; a cacheable result replaces the kept page. */
  function refresh(req, key, rule) {
    let pending = rendering.get(key);
    if (!pending) {
      pending = render(req)
        .then((result) => {
          if (result.cacheable) pages.set(key, { page: result.page, at: Date.now() }, { ttl: rule.staleMs });
          return result;
        })
        .finally(() => rendering.delete(key));
      rendering.set(key, pending);
    }
    return pending;
  }

  async function render(req) {
    const placeholder = randomBytes(16).toString("base64");
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    }
    const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
    const response = await handle(new Request(url, { method: "GET", headers }), {
      cspNonce: placeholder,
      clientIp: clientAddress(req),
    });
    // (app/entry.server.tsx has already dropped React's stray NUL bytes.)
    const body = Buffer.from(await response.arrayBuffer());
    const parts = [];
    const marker = Buffer.from(placeholder);
    let from = 0;
    for (let at = body.indexOf(marker); at !== -1; at = body.indexOf(marker, from)) {
      parts.push(body.subarray(from, at));
      from = at + marker.length;
    }
    parts.push(body.subarray(from));
    // Headers as sent to every reader (the length counts the nonces each answer gets, all of one length).
    const sent = [...response.headers.entries()].filter(
      ([name]) => name !== "content-length" && name !== "transfer-encoding",
    );
    const length = body.length - (parts.length - 1) * (marker.length - NONCE_LENGTH);
    const page = { status: response.status, headers: sent, parts, length };
    const cacheable =
      response.status === 200 &&
      !response.headers.has("set-cookie") &&
      /^public\b/.test(response.headers.get("cache-control") ?? "");
    return { page, cacheable };
  }

  return async (req, res, next) => {
    if (req.method !== "GET") return next();
    const rule = CACHEABLE.find((r) => r.path.test(req.path));
    if (!rule) return next();
    try {
      const key = req.originalUrl;
      const kept = pages.get(key);
      let page;
      if (kept) {
        page = kept.page;
        // Getting old: the next reader's answer is being rendered meanwhile.
        if (Date.now() - kept.at > rule.freshMs && !rendering.has(key)) {
          refresh(req, key, rule).catch((error) => console.error(`[error] GET ${req.path}:`, error));
        }
      } else {
        page = (await refresh(req, key, rule)).page;
      }
      // The kept parts and this answer's nonce go out as they are, in one writev: no copy of
      // the page per answer (a 140 kB Buffer per reader kept the garbage collector busy).
      const nonce = Buffer.from(res.locals.cspNonce);
      res.statusCode = page.status;
      for (const [name, value] of page.headers) res.setHeader(name, value);
      res.setHeader("Content-Length", page.length);
      res.cork();
      page.parts.forEach((part, i) => {
        if (i > 0) res.write(nonce);
        res.write(part);
      });
      res.end();
    } catch (error) {
      next(error);
    }
  };
}

/** A CSP nonce: 16 random bytes in base64, always NONCE_LENGTH characters. */
const NONCE_BYTES = 16;
const NONCE_LENGTH = 24;
/** Random bytes fetched 256 nonces at a time (one call to the CSPRNG instead of one per request); each used once. */
let noncePool = Buffer.alloc(0);
let noncePoolAt = 0;
function nextNonce() {
  if (noncePoolAt + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_BYTES * 256);
    noncePoolAt = 0;
  }
  const nonce = noncePool.toString("base64", noncePoolAt, noncePoolAt + NONCE_BYTES);
  noncePoolAt += NONCE_BYTES;
  return nonce;
}

/**
 * The client's address as the rate limits and IP hashes see it: from X-Forwarded-For when
 * the connection comes from a trusted proxy, else the connection's own, written the same way
 * in both cases (an IPv4 client on a dual-stack socket is `::ffff:a.b.c.d` there).
 */
function clientAddress(req) {
  const ip = req.ip;
  return typeof ip === "string" && ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip;
}

/**
 * The HTTP layer shared by production (start.js) and development (dev.js): security headers
 * with a per-request CSP nonce, static files, then Remix.
 *
 * `trustProxy` (TRUST_PROXY, validated in app/utils/env.server.ts and handed over by
 * startup()): the addresses whose X-Forwarded-For is believed. The client address the rate
 * limits and IP hashes use (req.ip) comes from that header only when the connection is from
 * one of them; an empty list believes nobody.
 */
export function createApp({ build, staticDirs = [], production, trustProxy = ["loopback"] }) {
  const app = express();
  // hCaptcha's widget is the one third party a page may load, and only when it is configured.
  const captcha = process.env.HCAPTCHA_SITEKEY ? " https://hcaptcha.com https://*.hcaptcha.com" : "";
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy.length ? trustProxy : false);

  app.use((req, res, next) => {
    // The embeddable widget is the one page other sites may frame; every other page may not.
    const framable = req.path.startsWith("/embed/");
    const nonce = nextNonce();
    res.locals.cspNonce = nonce;
    // Which nonce this answer carries, for a caching proxy to replace with one of its own per
    // answer (deploy/nginx, docs/decisions/005-proxy-cache-and-csp-nonce.md). Not a secret:
    // the page itself contains it.
    res.setHeader("X-CSP-Nonce", nonce);
    const scriptSrc = (production ? `'self' 'nonce-${nonce}'` : `'self' 'nonce-${nonce}' 'unsafe-inline'`) + captcha;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src ${scriptSrc}`,
        `style-src 'self' 'unsafe-inline'${captcha}`,
        `frame-src 'self'${captcha}`,
        "img-src 'self' data:",
        "font-src 'self'",
        (production ? "connect-src 'self'" : "connect-src 'self' ws: wss:") + captcha,
        framable ? "frame-ancestors *" : "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
      ].join("; "),
    );
    if (!framable) res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    next();
  });

  // Before the static files: a campaign page is never one, and each static lookup is a stat.
  if (production) app.use(campaignPageCache({ build, mode: "production" }));

  for (const dir of staticDirs) app.use(dir.prefix ?? "/", express.static(dir.path, dir.options));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce,
        clientIp: clientAddress(req),
        // Back-pressure for long downloads (exports): a promise while the socket's buffer is
        // full, so a slow reader makes the export wait instead of piling the file up in memory.
        responseDrained: () =>
          res.writableNeedDrain && !res.destroyed
            ? new Promise((resolve) => {
                res.once("drain", resolve);
                res.once("close", resolve);
              })
            : null,
      }),
    }),
  );
  return app;
}
