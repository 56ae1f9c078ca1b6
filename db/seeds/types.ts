import type { CampaignKind, CampaignStatus, Locale, PrisonerStatus, TranslationStatus } from "../../app/domain/vocab";

/** Text in several languages; English is always present. */
export type Localized<T = string> = { en: T } & Partial<Record<Locale, T>>;

export interface DemoPrisoner {
  slug: string; // kebab-case, e.g. "azat-miftakhov"
  status: PrisonerStatus;
  bornOn?: string; // YYYY-MM-DD, or YYYY-01-01 when only the year is known (say so in the bio)
  detainedOn?: string; // YYYY-MM-DD: start of the current detention
  /** One entry per language written; `status` tells whether it is the original or a translation. */
  translations: Localized<{
    status: TranslationStatus;
    name: string;
    summary: string; // one sentence for cards
    bio: string; // Markdown, 2–4 short paragraphs
    facility?: string; // where held, if known from the sources
  }>;
  /** Case timeline, oldest first. */
  events: { on: string; text: Localized }[];
}

export interface DemoSignerGroup {
  key: string; // e.g. "mathematicians"
  labels: Record<Locale, string>; // all six languages
}

export interface DemoCampaign {
  slug: string;
  kind: CampaignKind;
  status: CampaignStatus;
  canonicalLocale: Locale;
  goal: number | null;
  openedAt: string; // ISO date
  prisoners: string[]; // prisoner slugs
  translations: Localized<{
    status: TranslationStatus;
    title: string;
    summary: string; // one or two sentences for cards and social previews
    body: string; // Markdown: the letter or petition itself
    target: string; // to whom it is addressed
  }>;
  groups: DemoSignerGroup[];
  /** How many clearly synthetic verified signatures the demo seed adds. */
  demoSignatures: number;
}
