import type { NewSignature } from "../schema";
import type { Locale, Visibility } from "../../app/domain/vocab";

/**
 * Clearly synthetic signatories for the demo: invented name combinations, affiliations at
 * "Example" and "Demo" institutions, addresses at example.org. Deterministic for a seed.
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES: Record<string, { first: string[]; last: string[]; locale: Locale }> = {
  FR: {
    first: ["Camille", "Julien", "Claire", "Mathieu", "Élise", "Antoine", "Sophie", "Luc"],
    last: ["Martin", "Bernard", "Lefèvre", "Moreau", "Garnier", "Rousseau", "Fontaine"],
    locale: "fr",
  },
  US: {
    first: ["Emily", "Daniel", "Rachel", "Michael", "Sarah", "David", "Laura", "James"],
    last: ["Miller", "Carter", "Nguyen", "Foster", "Hughes", "Reyes", "Bennett"],
    locale: "en",
  },
  GB: {
    first: ["Oliver", "Hannah", "Thomas", "Charlotte", "Samuel", "Lucy"],
    last: ["Turner", "Walsh", "Hall", "Clarke", "Price", "Ellis"],
    locale: "en",
  },
  DE: {
    first: ["Jonas", "Lena", "Felix", "Anna", "Lukas", "Miriam"],
    last: ["Becker", "Hoffmann", "Krüger", "Schulz", "Wagner", "Vogel"],
    locale: "de",
  },
  RU: {
    first: ["Анна", "Дмитрий", "Мария", "Алексей", "Ольга", "Илья", "Екатерина", "Павел"],
    last: ["Смирнов", "Кузнецова", "Орлов", "Лебедева", "Соколов", "Морозова"],
    locale: "ru",
  },
  UA: {
    first: ["Олена", "Андрій", "Ірина", "Тарас", "Наталія", "Богдан"],
    last: ["Коваленко", "Бондар", "Шевчук", "Мельник", "Ткаченко"],
    locale: "uk",
  },
  ES: {
    first: ["Lucía", "Javier", "Carmen", "Pablo", "Elena", "Sergio"],
    last: ["García", "Romero", "Navarro", "Torres", "Ruiz", "Molina"],
    locale: "es",
  },
  AR: {
    first: ["Valentina", "Martín", "Florencia", "Nicolás"],
    last: ["González", "Fernández", "Acosta", "Benítez"],
    locale: "es",
  },
  CA: { first: ["Chloé", "Ethan", "Maya", "Noah"], last: ["Tremblay", "Roy", "Campbell", "Wong"], locale: "en" },
  IT: { first: ["Giulia", "Marco", "Chiara", "Luca"], last: ["Rossi", "Bianchi", "Ferrari", "Greco"], locale: "en" },
};

const TITLES: Record<string, string[]> = {
  mathematicians: [
    "Professor of Mathematics",
    "Lecturer in Algebra",
    "PhD student in Topology",
    "Researcher in Probability",
    "Postdoc in Number Theory",
  ],
  scientists: ["Professor of Physics", "Biologist", "Research engineer", "Professor of Computer Science", "Chemist"],
  journalists: ["Editor", "Reporter", "Freelance journalist", "Science correspondent"],
  trade_unionists: ["Union organizer", "Shop steward", "Union member"],
  healthcare_workers: ["Nurse", "Physician", "Paramedic", "Hospital pharmacist"],
  other: ["Teacher", "Translator", "Software developer", "Student", "Librarian"],
};

const PLACES: Record<string, string[]> = {
  mathematicians: ["Example University", "Demo Institute of Mathematics", "Sample College"],
  scientists: ["Example Institute of Technology", "Demo Research Centre", "Sample University"],
  journalists: ["The Example Gazette", "Demo News Weekly", "Sample Radio"],
  trade_unionists: ["Example Workers' Union", "Demo Couriers' Union", "Sample Teachers' Union"],
  healthcare_workers: ["Example General Hospital", "Demo Health Union", "Sample Clinic"],
  other: ["Example School", "Demo Library", "Sample Co-op"],
};

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function visibilityFor(r: number): Visibility {
  if (r < 0.72) return "public";
  if (r < 0.84) return "initials";
  if (r < 0.93) return "anonymous";
  return "counted";
}

/** Share channels (`ref`) the demo's signers came through; null is a direct visit. */
const REFS = [
  null,
  null,
  null,
  "telegram",
  "telegram",
  "x",
  "facebook",
  "email",
  "mastodon",
  "whatsapp",
  "vk",
  "bluesky",
];

/** The demo's signatures arrive over the last weeks, so the organizer's charts have a shape. */
export const SYNTHETIC_WEEKS = 8;

/**
 * When a synthetic signature was confirmed: a launch spike in the first week, a steady trickle,
 * and a little renewed attention in the last three days (the charts show hours there).
 */
function arrival(random: () => number, start: number, end: number): number {
  const span = Math.max(1, end - start);
  const r = random();
  if (r < 0.35) return start + Math.min(span, 7 * 86_400_000) * random() ** 2;
  if (r < 0.85) return start + span * random();
  return end - Math.min(span, 3 * 86_400_000) * random();
}

export function syntheticSignatures(opts: {
  campaignId: number;
  groupIds: Record<string, number>;
  count: number;
  seed: number;
  since: Date;
  emailPrefix: string;
}): NewSignature[] {
  const random = mulberry32(opts.seed);
  const groupKeys = Object.keys(opts.groupIds);
  const countries = Object.keys(NAMES);
  // A second stream for times and channels, so names, groups and countries stay as they were.
  const timing = mulberry32(opts.seed + 7919);
  const end = Date.now();
  const start = Math.max(opts.since.getTime(), end - SYNTHETIC_WEEKS * 7 * 86_400_000);
  const rows: NewSignature[] = [];
  for (let i = 0; i < opts.count; i++) {
    // The first group (e.g. mathematicians) gathers about half of a campaign's signers.
    const groupKey = random() < 0.5 ? (groupKeys[0] as string) : pick(random, groupKeys);
    const country = pick(random, countries);
    const names = NAMES[country]!;
    const fullName = `${pick(random, names.first)} ${pick(random, names.last)}`;
    const titles = TITLES[groupKey] ?? TITLES.other!;
    const places = PLACES[groupKey] ?? PLACES.other!;
    random(); // the draw that used to place the signature in time, kept so later draws are unchanged
    const verifiedAt = new Date(Math.floor(arrival(timing, start, end)));
    const createdAt = new Date(verifiedAt.getTime() - Math.floor(timing() * 3_600_000));
    const ref = REFS[Math.floor(timing() * REFS.length)] ?? null;
    const email = `${opts.emailPrefix}-${String(i + 1).padStart(5, "0")}@example.org`;
    rows.push({
      campaign_id: opts.campaignId,
      group_id: opts.groupIds[groupKey]!,
      full_name: fullName,
      email,
      email_canonical: email,
      title: `${pick(random, titles)}, ${pick(random, places)}`,
      country,
      city: null,
      comment: null,
      visibility: visibilityFor(random()),
      state: "verified",
      notable: false,
      updates_consent: random() < 0.4,
      locale: names.locale,
      text_version: 1,
      ref,
      created_at: createdAt,
      verified_at: verifiedAt,
      email_confirmed_at: verifiedAt,
      updated_at: verifiedAt,
    });
  }
  return rows;
}
