import { escapeHtml as escapeText } from "~/domain/text";
import type { Locale } from "~/domain/vocab";
import { BRAND_COLORS } from "~/domain/brand";
import { localeDirection } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { getConfig } from "~/utils/env.server";

/** What every mail kind renders to: the subject line, the HTML body and its plain-text twin. */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/**
 * The pieces a mail body is made of. Every string is plain text (already translated and
 * interpolated); the layout escapes it for HTML, so no caller ever writes markup.
 */
export type MailBlock =
  | { kind: "paragraph"; text: string }
  /** Small, muted text: explanations that support the main action. */
  | { kind: "note"; text: string }
  /** The main action: a button-like link, followed by the address spelled out for clients that hide it. */
  | { kind: "button"; label: string; url: string }
  /** A secondary action: an optional lead sentence, then a plain link. */
  | { kind: "link"; lead?: string; label: string; url: string };

export interface LayoutInput {
  locale: Locale;
  subject: string;
  /** The line most mail clients show next to the subject in the inbox (hidden in the body). */
  preheader?: string;
  heading: string;
  blocks: MailBlock[];
  /** Why this address received the mail. */
  footer: string;
}

export const BRAND = "Undersigned";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return escapeText(String(value));
}

/**
 * Links in mails are always absolute http(s) URLs built by the application. Anything else
 * (javascript:, data:, a relative path, whitespace that would break the text version) is a
 * bug upstream, so it fails loudly instead of being sent.
 */
export function checkMailUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError("Mail links must be absolute URLs");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new TypeError("Mail links must use http or https");
  }
  if (/\s/.test(url)) throw new TypeError("Mail links must not contain whitespace");
  return url;
}

/** A subject is one header line: no line breaks, no runs of spaces, bounded length. */
export function cleanSubject(subject: string): string {
  const flat = subject.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

const FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',Arial,sans-serif";
const SERIF = "Georgia,'Times New Roman','DejaVu Serif',serif";
const { ink: INK, muted: MUTED, accent: ACCENT, line: LINE } = BRAND_COLORS;
// A shade darker than the site's paper: mail clients frame the message on white.
const PAPER = "#f4f2ed";

function htmlBlock(block: MailBlock, fallbackLead: string): string {
  switch (block.kind) {
    case "paragraph":
      return `<p style="margin:0 0 16px;">${escapeHtml(block.text)}</p>`;
    case "note":
      return `<p style="margin:0 0 16px;font-size:14px;color:${MUTED};">${escapeHtml(block.text)}</p>`;
    case "button": {
      const href = escapeHtml(checkMailUrl(block.url));
      return [
        `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;border-collapse:separate;">`,
        `<tr><td style="border-radius:6px;background-color:${ACCENT};">`,
        `<a href="${href}" style="display:inline-block;padding:13px 26px;font-family:${FONT};font-size:17px;font-weight:700;line-height:1.2;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(block.label)}</a>`,
        `</td></tr></table>`,
        `<p style="margin:0 0 16px;font-size:14px;color:${MUTED};">${escapeHtml(fallbackLead)}<br>`,
        `<a href="${href}" style="color:${ACCENT};word-break:break-all;">${escapeHtml(block.url)}</a></p>`,
      ].join("\n");
    }
    case "link": {
      const lead = block.lead ? `${escapeHtml(block.lead)}<br>` : "";
      return `<p style="margin:0 0 16px;">${lead}<a href="${escapeHtml(checkMailUrl(block.url))}" style="color:${ACCENT};text-decoration:underline;">${escapeHtml(block.label)}</a></p>`;
    }
  }
}

function textBlock(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
    case "note":
      return block.text;
    case "button":
      return `${block.label}:\n${checkMailUrl(block.url)}`;
    case "link":
      return [block.lead, `${block.label}:`, checkMailUrl(block.url)].filter(Boolean).join("\n");
  }
}

/**
 * The one layout every mail shares: inline styles only (no external images, fonts or CSS),
 * tables for the frame because mail clients still need them, `lang` and `dir` for screen
 * readers and right-to-left languages, and a plain-text twin with the same content.
 */
export function renderLayout(input: LayoutInput): RenderedMail {
  const t = getFixedT(input.locale, "emails");
  const subject = cleanSubject(input.subject);
  const dir = localeDirection(input.locale);
  const tagline = t("layout.tagline");
  // Every mail links the privacy page (issue 12): what is kept, for how long, who sees it.
  const privacyUrl = `${getConfig().appUrl}/${input.locale}/privacy`;
  const privacyLabel = getFixedT(input.locale, "privacy")("mailFooter");
  const fallbackLead = t("layout.linkFallback");

  const preheader = input.preheader
    ? `<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;" aria-hidden="true">${escapeHtml(input.preheader)}</div>\n`
    : "";

  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(input.locale)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:${PAPER};">
${preheader}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${PAPER};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border:1px solid ${LINE};border-radius:10px;">
<tr><td dir="${dir}" style="padding:28px 32px;font-family:${FONT};font-size:16px;line-height:1.55;color:${INK};">
<p style="margin:0 0 20px;font-family:${SERIF};font-size:20px;font-weight:700;color:${ACCENT};">${escapeHtml(BRAND)}</p>
<h1 style="margin:0 0 20px;font-family:${SERIF};font-size:24px;line-height:1.25;font-weight:700;color:${INK};">${escapeHtml(input.heading)}</h1>
${input.blocks.map((block) => htmlBlock(block, fallbackLead)).join("\n")}
</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;">
<tr><td dir="${dir}" style="padding:16px 32px;font-family:${FONT};font-size:13px;line-height:1.5;color:${MUTED};">
<p style="margin:0 0 8px;">${escapeHtml(input.footer)}</p>
<p style="margin:0 0 8px;"><a href="${escapeHtml(privacyUrl)}" style="color:${MUTED};">${escapeHtml(privacyLabel)}</a></p>
<p style="margin:0;">${escapeHtml(tagline)}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

  // "-- " on a line of its own is the signature separator mail clients recognize.
  const body = [input.heading, ...input.blocks.map(textBlock)].join("\n\n");
  const text = `${body}\n\n-- \n${input.footer}\n${privacyLabel}: ${privacyUrl}\n${tagline}\n`;

  return { subject, html, text };
}
