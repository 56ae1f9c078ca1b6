import type { Transaction } from "kysely";
import type { Database } from "../schema";
import type { LetterState, LetterTranslationKind } from "../../app/domain/letters";
import type { Locale } from "../../app/domain/vocab";
import { insertBatch, insertReply, updateBatch } from "../../app/models/letter-batches.server";
import { saveLetterSettings, saveLetterText } from "../../app/models/letter-settings.server";
import { insertLetter } from "../../app/models/letters.server";
import { addMember, upsertOrganizer } from "../../app/models/organizer.server";

/**
 * Demo letters: the demo prisoners take letters at example addresses that say plainly they
 * are examples, and a few synthetic letters (invented writers, example.org addresses) sit in
 * every state, so the queue, the batches, the print page and the prisoner pages have
 * something to show. The footer's demo notice covers them.
 */

const EXAMPLE_ADDRESS = [
  "ПРИМЕР АДРЕСА — НЕ НАСТОЯЩИЙ (демо)",
  "000000, Примерная область, г. Примерск,",
  "ул. Образцовая, д. 0,",
  "ФКУ ИК-0 (пример)",
].join("\n");

interface DemoSettings {
  slug: string;
  accepting: boolean;
  nameLine: string;
  closedReason?: Partial<Record<Locale, string>>;
}

const SETTINGS: DemoSettings[] = [
  { slug: "azat-miftakhov", accepting: true, nameLine: "Мифтахову Азату, 1993 г. р. (пример)" },
  { slug: "boris-kagarlitsky", accepting: true, nameLine: "Кагарлицкому Борису (пример)" },
  { slug: "daria-kozyreva", accepting: true, nameLine: "Козыревой Дарье (пример)" },
  {
    slug: "anton-orlov",
    accepting: false,
    nameLine: "Орлову Антону (пример)",
    closedReason: {
      en: "demo: letters are closed here to show how a closed prisoner page looks.",
      ru: "демо: здесь письма закрыты, чтобы показать, как выглядит такая страница.",
      fr: "démo : les lettres sont fermées ici pour montrer à quoi ressemble une telle page.",
    },
  },
];

interface DemoLetter {
  prisoner: string;
  state: LetterState;
  language: Locale;
  writer: string;
  country: string;
  email?: string;
  body: string;
  translation?: string;
  kind?: LetterTranslationKind;
  checked?: boolean;
  flags?: string[];
  rejectReason?: string;
  excerpt?: string;
  batch?: "answered" | "posted";
  daysAgo: number;
}

const LETTERS: DemoLetter[] = [
  {
    prisoner: "azat-miftakhov",
    state: "answered",
    language: "fr",
    writer: "Claire",
    country: "FR",
    email: "demo-claire@example.org",
    body: "Cher Azat,\n\nJe suis professeure de mathématiques dans un lycée de Lyon. Cette semaine, mes élèves ont découvert les nombres premiers jumeaux et m'ont demandé si l'on savait qu'il y en a une infinité. Je leur ai dit que la question est toujours ouverte, et que des mathématiciens du monde entier y pensent, peut-être vous aussi.\n\nQuel problème vous accompagne en ce moment ?\n\nAvec amitié,\nClaire",
    translation:
      "Дорогой Азат!\n\nЯ преподаю математику в лицее в Лионе. На этой неделе мои ученики узнали о простых числах-близнецах и спросили, известно ли, что их бесконечно много. Я ответила, что вопрос всё ещё открыт и что о нём думают математики всего мира — может быть, и вы.\n\nКакая задача сопровождает вас сейчас?\n\nС дружбой,\nКлэр",
    kind: "human",
    excerpt: "Cette semaine, mes élèves ont découvert les nombres premiers jumeaux…",
    batch: "answered",
    daysAgo: 70,
  },
  {
    prisoner: "azat-miftakhov",
    state: "answered",
    language: "en",
    writer: "Tom",
    country: "GB",
    body: "Dear Azat,\n\nGreetings from Leeds. It has rained for nine days in a row, and my allotment is more pond than garden. I am reading a history of the Königsberg bridges and thinking of you.\n\nWarm wishes,\nTom",
    translation:
      "Дорогой Азат!\n\nПривет из Лидса. Девять дней подряд идёт дождь, и мой огород больше похож на пруд, чем на сад. Я читаю историю кёнигсбергских мостов и думаю о вас.\n\nС тёплыми пожеланиями,\nТом",
    kind: "human",
    batch: "answered",
    daysAgo: 68,
  },
  {
    prisoner: "azat-miftakhov",
    state: "posted",
    language: "de",
    writer: "Jonas",
    country: "DE",
    email: "demo-jonas@example.org",
    body: "Lieber Azat,\n\nich studiere in Bonn und habe im Seminar zum ersten Mal einen Beweis ganz allein an der Tafel geführt. Meine Hände haben gezittert. Wie war das bei Ihnen?\n\nHerzliche Grüße\nJonas",
    translation:
      "Дорогой Азат!\n\nЯ учусь в Бонне и на семинаре впервые сам провёл доказательство у доски. У меня дрожали руки. А как это было у вас?\n\nС сердечным приветом,\nЙонас",
    kind: "machine",
    checked: true,
    batch: "posted",
    daysAgo: 20,
  },
  {
    prisoner: "azat-miftakhov",
    state: "posted",
    language: "ru",
    writer: "Марина",
    country: "GE",
    body: "Здравствуйте, Азат!\n\nПишу из Тбилиси. Здесь уже цветут миндальные деревья, а по утрам на рынке продают свежий хлеб из тонэ. Я учусь играть на фортепиано и пока осилила только одну прелюдию.\n\nОбнимаю,\nМарина",
    translation:
      "Здравствуйте, Азат!\n\nПишу из Тбилиси. Здесь уже цветут миндальные деревья, а по утрам на рынке продают свежий хлеб из тонэ. Я учусь играть на фортепиано и пока осилила только одну прелюдию.\n\nОбнимаю,\nМарина",
    kind: "original",
    batch: "posted",
    daysAgo: 18,
  },
  {
    prisoner: "azat-miftakhov",
    state: "translated",
    language: "es",
    writer: "Lucía",
    country: "ES",
    body: "Querido Azat:\n\nSoy estudiante de física en Valencia. Ayer vi un atardecer sobre el mar tan naranja que parecía pintado. Me gustaría saber qué libros lee usted.\n\nUn abrazo,\nLucía",
    translation:
      "Дорогой Азат!\n\nЯ изучаю физику в Валенсии. Вчера я видела закат над морем, такой оранжевый, что казался нарисованным. Мне хотелось бы знать, какие книги вы читаете.\n\nОбнимаю,\nЛусия",
    kind: "human",
    daysAgo: 6,
  },
  {
    prisoner: "azat-miftakhov",
    state: "translated",
    language: "en",
    writer: "Priya",
    country: "CA",
    email: "demo-priya@example.org",
    body: "Dear Azat,\n\nI run a small maths circle for children in Toronto. Last week a nine-year-old proved that the sum of two odd numbers is even, and announced it like a headline. I thought you would enjoy that.\n\nBest wishes,\nPriya",
    translation:
      "Дорогой Азат!\n\nЯ веду небольшой математический кружок для детей в Торонто. На прошлой неделе девятилетняя девочка доказала, что сумма двух нечётных чисел чётна, и объявила об этом, как о главной новости. Я подумала, что вам это понравится.\n\nВсего доброго,\nПрия",
    kind: "machine",
    checked: false,
    daysAgo: 4,
  },
  {
    prisoner: "azat-miftakhov",
    state: "approved",
    language: "fr",
    writer: "Hugo",
    country: "BE",
    body: "Bonjour Azat,\n\nJe vous écris de Liège, où je répare des vélos dans un atelier associatif. Le dernier vélo que j'ai réparé avait quarante ans et roule encore très bien.\n\nBon courage,\nHugo",
    daysAgo: 3,
  },
  {
    prisoner: "azat-miftakhov",
    state: "submitted",
    language: "en",
    writer: "Sam",
    country: "US",
    body: "Dear Azat,\n\nI hope the war ends soon and that everyone responsible for your trial is held to account.\n\nSam",
    flags: ["war", "trial"],
    daysAgo: 1,
  },
  {
    prisoner: "azat-miftakhov",
    state: "submitted",
    language: "de",
    writer: "Anna",
    country: "AT",
    email: "demo-anna@example.org",
    body: "Lieber Azat,\n\nin Wien hat der erste Schnee gefallen. Ich habe heute im Kaffeehaus eine Partie Schach gegen einen alten Herrn verloren und sehr gelacht.\n\nAlles Gute\nAnna",
    daysAgo: 0,
  },
  {
    prisoner: "azat-miftakhov",
    state: "rejected",
    language: "en",
    writer: "Alex",
    country: "US",
    body: "Azat, the regime will fall. Tell the guards that the whole world is watching.",
    flags: ["regime"],
    rejectReason: "It talks about politics and the guards, which the censor would stop and which could hurt Azat.",
    daysAgo: 9,
  },
  {
    prisoner: "boris-kagarlitsky",
    state: "submitted",
    language: "en",
    writer: "Rosa",
    country: "IE",
    body: "Dear Boris,\n\nI am a history student in Dublin and I have just read one of your books for a seminar. We argued about it for two hours, which I think is the best compliment a book can get.\n\nWith respect,\nRosa",
    daysAgo: 2,
  },
  {
    prisoner: "boris-kagarlitsky",
    state: "translated",
    language: "fr",
    writer: "Mathieu",
    country: "FR",
    body: "Cher Boris,\n\nIci, à Marseille, le mistral souffle depuis trois jours. Je pense à vous et je vous envoie un peu de soleil du Sud.\n\nMathieu",
    translation:
      "Дорогой Борис!\n\nЗдесь, в Марселе, уже три дня дует мистраль. Я думаю о вас и посылаю вам немного южного солнца.\n\nМатьё",
    kind: "human",
    daysAgo: 5,
  },
];

const REPLY_TEXT =
  "Спасибо всем за письма! Простые числа-близнецы — прекрасная тема для урока. Здесь много времени, чтобы думать; я решаю задачи и читаю. Пишите ещё.\n\n(Demo: a synthetic reply, not written by the prisoner.)";

function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 86_400_000);
}

function dayString(days: number): string {
  return daysAgo(days).toISOString().slice(0, 10);
}

/**
 * Demo volunteers of the Miftakhov letter, one per step of the letter queue (sign in as them
 * via /dev/mailbox like the demo organizer): they show what each role sees.
 */
export const DEMO_LETTER_VOLUNTEERS = {
  moderator: "letters-moderator@example.org",
  translator: "letters-translator@example.org",
  editor: "letters-editor@example.org",
} as const;

/** Writes the demo letter settings, volunteers and letters, inside the demo seed's transaction. */
export async function seedDemoLetters(
  trx: Transaction<Database>,
  prisonerIds: Record<string, number>,
  organizerId: number,
  campaignIds: Record<string, number | undefined>,
): Promise<number> {
  const azatCampaign = campaignIds["free-azat-miftakhov-mathematicians"];
  if (azatCampaign !== undefined) {
    for (const [role, email] of Object.entries(DEMO_LETTER_VOLUNTEERS) as [
      keyof typeof DEMO_LETTER_VOLUNTEERS,
      string,
    ][]) {
      const volunteer = await upsertOrganizer(trx, { email, isAdmin: false });
      await addMember(trx, azatCampaign, volunteer.id, role);
    }
  }
  for (const s of SETTINGS) {
    const id = prisonerIds[s.slug];
    if (id === undefined) continue;
    await saveLetterSettings(trx, {
      prisoner_id: id,
      accepting: s.accepting,
      address_block: EXAMPLE_ADDRESS,
      name_line: s.nameLine,
      required_language: "ru",
      accepted_languages: ["en", "ru", "fr", "de", "es", "uk"],
      max_length: 3000,
      electronic_service: s.slug === "azat-miftakhov",
      birthday: null,
    });
    for (const [locale, reason] of Object.entries(s.closedReason ?? {}) as [Locale, string][]) {
      await saveLetterText(trx, { prisoner_id: id, locale, guidance: "", closed_reason: reason, flag_words: null });
    }
  }
  const batches: Partial<Record<string, number>> = {};
  for (const kind of ["answered", "posted"] as const) {
    const prisonerId = prisonerIds["azat-miftakhov"];
    if (prisonerId === undefined) continue;
    const id = await insertBatch(trx, { prisonerId, includeOriginal: kind === "answered", createdBy: organizerId });
    await updateBatch(trx, id, ["prepared"], {
      state: kind === "answered" ? "delivered" : "posted",
      method: kind === "answered" ? "paper" : "electronic",
      posted_on: dayString(kind === "answered" ? 62 : 15),
      reference: kind === "answered" ? "RA000000000RU (example)" : "DEMO-0000 (example)",
      cost_cents: kind === "answered" ? 450 : 1200,
      currency: "EUR",
      outcome_on: kind === "answered" ? dayString(30) : null,
    });
    batches[kind] = id;
  }
  let count = 0;
  for (const l of LETTERS) {
    const prisonerId = prisonerIds[l.prisoner];
    if (prisonerId === undefined) continue;
    const at = daysAgo(l.daysAgo);
    const ready = l.translation !== undefined;
    await insertLetter(trx, {
      prisoner_id: prisonerId,
      state: l.state,
      language: l.language,
      locale: l.language,
      body: l.body,
      writer_name: l.writer,
      writer_country: l.country,
      writer_email: l.email ?? null,
      email_canonical: l.email ?? null,
      email_confirmed_at: l.email ? at : null,
      publish_consent: l.excerpt !== undefined,
      public_excerpt: l.excerpt ?? null,
      flags: l.flags ?? [],
      translation: l.translation ?? null,
      translation_kind: l.kind ?? null,
      translated_by: ready ? organizerId : null,
      translation_checked_by: ready && (l.kind !== "machine" || l.checked) ? organizerId : null,
      translation_checked_at: ready && (l.kind !== "machine" || l.checked) ? at : null,
      reject_reason: l.rejectReason ?? null,
      batch_id: l.batch ? (batches[l.batch] ?? null) : null,
      created_at: at,
      state_changed_at: at,
    });
    count++;
  }
  const answered = batches.answered;
  const azat = prisonerIds["azat-miftakhov"];
  if (answered !== undefined && azat !== undefined) {
    await insertReply(trx, {
      prisonerId: azat,
      batchId: answered,
      letterId: null,
      receivedOn: dayString(12),
      text: REPLY_TEXT,
      passOn: true,
      scan: null,
      createdBy: organizerId,
    });
  }
  return count;
}
