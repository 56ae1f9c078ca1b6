import { useTranslation } from "react-i18next";
import type { TranslationStatus } from "~/domain/vocab";
import { LOCALE_NAMES } from "~/i18n/config";

function languageName(code: string, inLocale: string): string {
  try {
    return new Intl.DisplayNames([inLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Tells the reader which language the text is in and how much to trust a translation. */
export function TranslationNotice(props: {
  pageLocale: string;
  textLocale: string;
  status: TranslationStatus;
  fallback: boolean;
  canonicalLocale: string;
  availableLocales: string[];
  slug: string;
}) {
  const { t } = useTranslation();
  const original = languageName(props.canonicalLocale, props.pageLocale);
  let message: string | null = null;
  if (props.fallback) {
    message = t("translation.missing", { language: languageName(props.textLocale, props.pageLocale) });
  } else if (props.status === "machine") {
    message = t("translation.machine", { original });
  } else if (props.status === "reviewed") {
    message = t("translation.reviewed", { original });
  }
  const others = props.availableLocales.filter((l) => l !== props.textLocale);
  if (!message && others.length === 0) return null;
  return (
    <aside className="translation-notice" aria-label={t("translation.label")}>
      {message ? <p>{message}</p> : null}
      {others.length ? (
        <p>
          {t("translation.alsoIn")}{" "}
          {others.map((l, i) => (
            <span key={l}>
              {i > 0 ? ", " : null}
              <a href={`/${l}/campaigns/${props.slug}`} hrefLang={l} lang={l}>
                {LOCALE_NAMES[l as keyof typeof LOCALE_NAMES] ?? l}
              </a>
            </span>
          ))}
        </p>
      ) : null}
    </aside>
  );
}

/**
 * A small "RU" before a text shown in another language than the page's (a card's summary
 * that has no translation yet), with the language's name for screen readers; nothing when
 * the text is in the page's language.
 */
export function LanguageTag({ textLocale }: { textLocale: string }) {
  const { i18n, t } = useTranslation();
  if (textLocale === i18n.language) return null;
  const name = languageName(textLocale, i18n.language);
  return (
    <span className="lang-tag" title={t("translation.shownIn", { language: name })}>
      <span aria-hidden="true">{textLocale.toUpperCase()}</span>
      <span className="visually-hidden">{t("translation.shownIn", { language: name })}</span>
    </span>
  );
}
