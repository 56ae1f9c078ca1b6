import type { Locale } from "../../app/domain/vocab";

/** Campaign news for the demo (written from ../shared/sources/001, in our own words). */
export const demoUpdates: {
  campaign: string;
  publishedAt: string;
  texts: Partial<Record<Locale, { title: string; body: string }>>;
}[] = [
  {
    campaign: "free-azat-miftakhov-mathematicians",
    publishedAt: "2023-09-20T09:00:00Z",
    texts: {
      en: {
        title: "You can also write to Azat",
        body: "Years of isolation make every letter count for a prisoner. OVD-Info's Letters Across Borders service translates letters into Russian, as Russian law requires, and makes sure they reach political prisoners, Azat among them.\n\nA few lines from a colleague abroad tell him that he is not forgotten.",
      },
      fr: {
        title: "Vous pouvez aussi écrire à Azat",
        body: "Après des années d’isolement, chaque lettre compte pour un prisonnier. Le service Letters Across Borders d’OVD-Info traduit les lettres en russe, comme l’exige la loi russe, et veille à ce qu’elles parviennent aux prisonniers politiques, dont Azat.\n\nQuelques lignes d’un collègue à l’étranger lui disent qu’il n’est pas oublié.",
      },
      ru: {
        title: "Азату можно написать",
        body: "После лет изоляции каждое письмо важно для заключённого. Сервис «Письма без границ» (Letters Across Borders) ОВД-Инфо переводит письма на русский язык, как того требует российский закон, и следит, чтобы они дошли до политзаключённых, в том числе до Азата.\n\nНесколько строк от коллеги из-за рубежа скажут ему, что о нём помнят.",
      },
    },
  },
];
