import type { NewSignature } from "../schema";

/**
 * Something for the demo's abuse-signals page to find (issue 16): on one campaign, two
 * invented notable signatories, a signature imitating one of them with a Cyrillic letter, one
 * that claims a famous prize without being marked notable, and a burst of fourteen signatures
 * from one IP hash within seven minutes, a few hours before the demo starts, with addresses
 * at a throwaway mail provider. All names are invented; no real person is imitated.
 */

/** The burst's IP hash (a made-up value shaped like the real ones). */
export const DEMO_BURST_IP_HASH = "d3a0b0057a11f0ce5fa1e0c0ffee0d3a";
/** The notable name the look-alike imitates, and the look-alike (a Cyrillic "М" and "а"). */
export const DEMO_NOTABLE_NAME = "Marta Kowalczyk-Lind";
export const DEMO_LOOKALIKE_NAME = "Мartа Kowalczyk-Lind";
export const DEMO_BURST_SIZE = 14;

const BURST_NAMES = [
  "Ivan Ivanov",
  "Petr Petrov",
  "Anna Smirnova",
  "Oleg Sidorov",
  "Maria Kuznetsova",
  "Sergey Popov",
  "Elena Vasilieva",
  "Dmitry Sokolov",
  "Olga Mikhailova",
  "Nikolai Novikov",
  "Tatiana Fedorova",
  "Andrei Morozov",
  "Irina Volkova",
  "Pavel Alekseev",
];

export function demoSignalSignatures(opts: {
  campaignId: number;
  groupIds: Record<string, number>;
  now?: Date;
}): NewSignature[] {
  const now = (opts.now ?? new Date()).getTime();
  const [firstGroup] = Object.values(opts.groupIds);
  if (firstGroup === undefined) throw new Error("a demo campaign without groups");
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
  const row = (
    i: string,
    fields: Partial<NewSignature> & { full_name: string; title: string; created_at: Date },
    domain = "example.org",
  ): NewSignature => {
    const email = `demo-signal-${i}@${domain}`;
    return {
      campaign_id: opts.campaignId,
      group_id: firstGroup,
      email,
      email_canonical: email,
      email_domain: domain,
      country: "DE",
      city: null,
      comment: null,
      visibility: "public",
      state: "verified",
      notable: false,
      updates_consent: false,
      locale: "en",
      text_version: 1,
      ref: null,
      verified_at: fields.created_at,
      email_confirmed_at: fields.created_at,
      updated_at: fields.created_at,
      ...fields,
    };
  };
  const rows: NewSignature[] = [
    row("notable-1", {
      full_name: DEMO_NOTABLE_NAME,
      title: "Professor of Geometry (invented for the demo)",
      notable: true,
      created_at: at(9 * 24 * 60),
    }),
    row("notable-2", {
      full_name: "Tomás Haddad-Berg",
      title: "Professor of Number Theory (invented for the demo)",
      notable: true,
      country: "FR",
      created_at: at(8 * 24 * 60),
    }),
    row("lookalike", {
      full_name: DEMO_LOOKALIKE_NAME,
      title: "Professor of Geometry",
      created_at: at(26 * 60),
    }),
    row("claim", {
      full_name: "Viktor Laurentz",
      title: "Fields Medal laureate",
      created_at: at(30 * 60),
    }),
  ];
  // The burst: one address every half minute, three hours ago, all from one IP hash.
  BURST_NAMES.slice(0, DEMO_BURST_SIZE).forEach((name, i) => {
    rows.push(
      row(
        `burst-${i + 1}`,
        {
          full_name: name,
          title: "",
          visibility: i % 2 ? "counted" : "anonymous",
          country: "RU",
          ip_hash: DEMO_BURST_IP_HASH,
          ip_hash_expires_at: new Date(now + 30 * 86_400_000),
          created_at: at(180 - i * 0.5),
        },
        "mailinator.com",
      ),
    );
  });
  return rows;
}
