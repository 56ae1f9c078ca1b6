import fs from "node:fs";
import { BRAND_COLORS } from "~/domain/brand";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import QRCode from "qrcode";
import { createElement, type CSSProperties, type ReactNode } from "react";
import satori, { type SatoriOptions } from "satori";
import { initialsOf } from "~/domain/signatory";
import type { Locale } from "~/domain/vocab";
import { getFixedT } from "~/i18n/i18n.server";
import { getConfig } from "~/utils/env.server";
import { COUNTS_TTL_MS, shortCache } from "~/utils/short-cache.server";
import { findPublicCampaignBySlug } from "~/models/campaign.server";
import { getDb } from "~/utils/db.server";
import { loadCampaignCard } from "./public-pages.server";

/** The size social networks expect of a large preview image (1.91:1). */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
const CACHE_LIMIT = 200;

const { paper: PAPER, ink: INK, muted: MUTED, line: LINE, accent: ACCENT, accentSoft: ACCENT_SOFT } = BRAND_COLORS;
const FONT_STACK = "Noto Sans, Noto Sans Cyrillic, Noto Sans Extended";

// Noto Sans, split by fontsource into subsets; each is registered under its own name so that
// satori falls back from one to the next for characters a subset lacks.
const FONT_FILES = [
  { name: "Noto Sans", subset: "latin" },
  { name: "Noto Sans Cyrillic", subset: "cyrillic" },
  { name: "Noto Sans Extended", subset: "latin-ext" },
] as const;

type Fonts = SatoriOptions["fonts"];
let fonts: Fonts | undefined;

/** Read once. The server runs from the repository root, where assets/fonts lives. */
function loadFonts(): Fonts {
  if (fonts) return fonts;
  const dir = path.join(process.cwd(), "assets", "fonts");
  const loaded: Fonts = [];
  for (const { name, subset } of FONT_FILES) {
    for (const weight of [400, 700] as const) {
      const file = path.join(dir, `noto-sans-${subset}-${weight}-normal.woff`);
      if (!fs.existsSync(file)) {
        throw new Error(
          `Social card font missing: ${file}. Images are rendered with the fonts in assets/fonts; ` +
            "start the server from the repository root.",
        );
      }
      loaded.push({ name, data: fs.readFileSync(file), weight, style: "normal" });
    }
  }
  fonts = loaded;
  return fonts;
}

/** A small least-recently-used map: a Map iterates in insertion order, so the first key is the oldest. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V) {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.limit) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }
  delete(key: string) {
    this.map.delete(key);
  }
}

// Promises, so that a burst of crawlers asking for the same new card renders it once.
const cards = new Lru<Promise<Buffer>>(CACHE_LIMIT);

// What a card shows (its count at most a second old), shared by every crawler that asks.
const cardTexts = shortCache({ max: 500, ttlMs: COUNTS_TTL_MS, load: loadCampaignCard });

function h(type: string, style: CSSProperties, ...children: ReactNode[]): ReactNode {
  return createElement(type, { style }, ...children);
}

interface CardContent {
  locale: Locale;
  title: string;
  kind: string;
  names: string[];
  total: number;
  goal: number | null;
}

function titleSize(title: string): number {
  const length = Array.from(title).length;
  if (length <= 45) return 60;
  if (length <= 80) return 52;
  if (length <= 120) return 44;
  return 38;
}

function initialsBadge(name: string, size: number, index: number): ReactNode {
  return h(
    "div",
    {
      display: "flex",
      alignItems: "center",
      justifyContent: "center",
      width: size,
      height: size,
      borderRadius: "50%",
      // A slight overlap that leaves every pair of initials clear.
      marginLeft: index === 0 ? 0 : -Math.round(size / 6),
      background: ACCENT_SOFT,
      border: `6px solid ${PAPER}`,
      color: ACCENT,
      fontSize: size * 0.34,
      fontWeight: 700,
      letterSpacing: 1,
    },
    initialsOf(name).replace(/\.\s?/g, ""),
  );
}

function cardTree(content: CardContent): ReactNode {
  const t = getFixedT(content.locale, "poster");
  const number = new Intl.NumberFormat(content.locale);
  const percent = content.goal ? Math.min(100, (content.total / content.goal) * 100) : null;
  const badgeSize = content.names.length > 1 ? 124 : 168;
  const fontSize = titleSize(content.title);

  const header = h(
    "div",
    { display: "flex", justifyContent: "space-between", alignItems: "center" },
    h(
      "div",
      { display: "flex", alignItems: "center", fontSize: 30, fontWeight: 700, color: ACCENT, letterSpacing: 0.5 },
      h("div", { width: 18, height: 18, borderRadius: 9, background: ACCENT, marginRight: 14 }),
      "Undersigned",
    ),
    h("div", { fontSize: 24, color: MUTED, textTransform: "uppercase", letterSpacing: 2 }, content.kind),
  );

  const middle = h(
    "div",
    { display: "flex", alignItems: "center", flexGrow: 1, marginTop: 24, marginBottom: 24 },
    content.names.length
      ? h(
          "div",
          { display: "flex", flexShrink: 0, marginRight: 48 },
          ...content.names.slice(0, 3).map((name, i) => initialsBadge(name, badgeSize, i)),
        )
      : null,
    h(
      "div",
      { display: "flex", flexDirection: "column", flexGrow: 1, flexShrink: 1, minWidth: 0 },
      h(
        "div",
        {
          display: "block",
          fontSize,
          fontWeight: 700,
          lineHeight: 1.15,
          color: INK,
          lineClamp: fontSize <= 44 ? 4 : 3,
        },
        content.title,
      ),
      content.names.length
        ? h(
            "div",
            { display: "block", fontSize: 30, lineHeight: 1.3, color: MUTED, marginTop: 18, lineClamp: 2 },
            new Intl.ListFormat(content.locale, { type: "conjunction" }).format(content.names),
          )
        : null,
    ),
  );

  const footer = h(
    "div",
    { display: "flex", flexDirection: "column" },
    h(
      "div",
      { display: "flex", justifyContent: "space-between", alignItems: "flex-end" },
      h(
        "div",
        { fontSize: 44, fontWeight: 700, color: ACCENT },
        t("card.signatures", { count: content.total, formatted: number.format(content.total) }),
      ),
      content.goal
        ? h(
            "div",
            { fontSize: 26, color: MUTED, marginBottom: 6 },
            t("card.goal", { goal: number.format(content.goal) }),
          )
        : null,
    ),
    percent !== null
      ? h(
          "div",
          { display: "flex", height: 16, borderRadius: 8, background: LINE, marginTop: 16, overflow: "hidden" },
          h("div", {
            width: `${Math.max(percent, content.total > 0 ? 1.5 : 0)}%`,
            height: 16,
            borderRadius: 8,
            background: ACCENT,
          }),
        )
      : null,
  );

  return h(
    "div",
    {
      display: "flex",
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      background: PAPER,
      fontFamily: FONT_STACK,
    },
    h("div", { width: 16, height: CARD_HEIGHT, flexShrink: 0, background: ACCENT }),
    h(
      "div",
      { display: "flex", flexDirection: "column", flexGrow: 1, padding: "52px 72px 56px 64px" },
      header,
      middle,
      footer,
    ),
  );
}

async function renderCard(content: CardContent): Promise<Buffer> {
  const svg = await satori(cardTree(content), { width: CARD_WIDTH, height: CARD_HEIGHT, fonts: loadFonts() });
  const png = new Resvg(svg, { fitTo: { mode: "width", value: CARD_WIDTH }, font: { loadSystemFonts: false } });
  return png.render().asPng();
}

/**
 * The campaign's social preview (1200×630 PNG) in one language: title, prisoners, verified
 * count and goal. Cached in memory per language and count, so it changes when the count moves.
 * Null for unknown campaigns and drafts.
 */
export async function campaignCardPng(slug: string, locale: Locale): Promise<Buffer | null> {
  const card = await cardTexts.get(slug, locale);
  if (!card) return null;
  const content: CardContent = {
    locale,
    title: card.title,
    kind: getFixedT(locale)(`campaign.kind.${card.kind}`),
    names: card.prisoners.map((p) => p.name),
    total: card.total,
    goal: card.goal,
  };
  // Keyed by campaign, language and count; the rest of what the card shows rides along so an
  // edited title or goal is not served stale until the next signature.
  const key = JSON.stringify([slug, locale, card.total, content.title, content.names, content.goal]);
  let png = cards.get(key);
  if (!png) {
    png = renderCard(content);
    cards.set(key, png);
    png.catch(() => cards.delete(key));
  }
  return png;
}

/** The address a campaign's QR code leads to, tagged so signatures it brings are counted as "qr". */
export function campaignQrUrl(slug: string, locale: Locale): string {
  return `${getConfig().appUrl}/${locale}/campaigns/${slug}?ref=qr`;
}

/** A campaign's QR code never changes (its address does not), so it may be kept for long. */
export const QR_CACHE = "public, max-age=31536000, immutable";

const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } } as const;

/** A QR code for the campaign's page in one language, as SVG text or PNG bytes. Null for unknown campaigns. */
export async function campaignQr(slug: string, locale: Locale, format: "svg"): Promise<string | null>;
export async function campaignQr(slug: string, locale: Locale, format: "png"): Promise<Buffer | null>;
export async function campaignQr(slug: string, locale: Locale, format: "svg" | "png"): Promise<string | Buffer | null> {
  const campaign = await findPublicCampaignBySlug(getDb(), slug);
  if (!campaign) return null;
  const url = campaignQrUrl(campaign.slug, locale);
  return format === "svg"
    ? QRCode.toString(url, { ...QR_OPTIONS, type: "svg", width: 512 })
    : QRCode.toBuffer(url, { ...QR_OPTIONS, type: "png", width: 600 });
}
