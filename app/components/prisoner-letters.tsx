import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryNames } from "./country-names";
import { formatDay } from "./format";

/** The letters section of a prisoner's page: open or not, counts, the last post, published excerpts. */
export interface PrisonerLettersData {
  open: boolean;
  closedReason: string | null;
  written: number;
  posted: number;
  answered: number;
  lastPostedOn: string | null;
  birthdayInDays: number | null;
  excerpts: { id: number; name: string; country: string; language: string; text: string }[];
}

export function PrisonerLetters({ slug, name, letters }: { slug: string; name: string; letters: PrisonerLettersData }) {
  const { t, i18n } = useTranslation("letters");
  const countries = useCountryNames();
  const country = (code: string) =>
    countries?.[code] ?? new Intl.DisplayNames([i18n.language], { type: "region" }).of(code) ?? code;
  const writeUrl = `/${i18n.language}/prisoners/${slug}/write`;
  return (
    <section aria-labelledby="prisoner-letters-title" className="prisoner-letters" data-testid="prisoner-letters">
      <h2 id="prisoner-letters-title">{t("public.title")}</h2>
      {letters.birthdayInDays !== null ? (
        <p className="notice">
          {letters.birthdayInDays === 0
            ? t("public.birthdayToday", { name })
            : t("public.birthday", { name, count: letters.birthdayInDays })}{" "}
          <Link to={writeUrl}>{t("public.writeCard")}</Link>
        </p>
      ) : null}
      <p data-testid="letter-counts">
        {t("public.counts", { count: letters.written, posted: letters.posted, answered: letters.answered })}
        {letters.lastPostedOn
          ? ` ${t("public.lastPost", {
              // One full stop in Russian and Ukrainian: no "г." / "р." before the sentence's own.
              date: formatDay(letters.lastPostedOn, i18n.language),
            })}`
          : ""}
      </p>
      {letters.open ? (
        <p>
          <Link to={writeUrl} className="button">
            {t("public.write", { name })}
          </Link>
        </p>
      ) : (
        <p className="notice">{t("write.closed", { reason: letters.closedReason })}</p>
      )}
      {letters.excerpts.length ? (
        <>
          <h3>{t("public.excerpts")}</h3>
          {letters.excerpts.map((e) => (
            <figure key={e.id} className="letter-excerpt">
              <blockquote lang={e.language}>{e.text}</blockquote>
              <figcaption>
                {e.name}, {country(e.country)}
              </figcaption>
            </figure>
          ))}
        </>
      ) : null}
    </section>
  );
}

/** Whose birthday is near: a card in time. */
export function UpcomingBirthdays({ birthdays }: { birthdays: { slug: string; name: string; inDays: number }[] }) {
  const { t, i18n } = useTranslation("letters");
  if (birthdays.length === 0) return null;
  return (
    <section aria-labelledby="birthdays-title" data-testid="birthdays">
      <h2 id="birthdays-title">{t("public.birthdaysTitle")}</h2>
      <ul>
        {birthdays.map((b) => (
          <li key={b.slug}>
            {b.inDays === 0
              ? t("public.birthdayToday", { name: b.name })
              : t("public.birthday", { name: b.name, count: b.inDays })}{" "}
            <Link to={`/${i18n.language}/prisoners/${b.slug}/write`}>{t("public.writeCard")}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
