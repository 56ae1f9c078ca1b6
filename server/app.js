import { randomBytes } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import express from "express";

/**
 * The HTTP layer shared by production (start.js) and development (dev.js): security headers
 * with a per-request CSP nonce, static files, then Remix.
 */
export function createApp({ build, staticDirs = [], production }) {
  const app = express();
  // hCaptcha's widget is the one third party a page may load, and only when it is configured.
  const captcha = process.env.HCAPTCHA_SITEKEY ? " https://hcaptcha.com https://*.hcaptcha.com" : "";
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback, linklocal, uniquelocal");

  app.use((req, res, next) => {
    // The embeddable widget is the one page other sites may frame; every other page may not.
    const framable = req.path.startsWith("/embed/");
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
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

  for (const dir of staticDirs) app.use(dir.prefix ?? "/", express.static(dir.path, dir.options));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip }),
    }),
  );
  return app;
}
