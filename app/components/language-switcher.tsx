import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isLocale, type Locale } from "~/domain/vocab";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/i18n/config";

/** Pages that live outside the /<lang>/ tree and take their language from `?lng=`. */
const UNPREFIXED = /^\/(organizer|dev)(\/|$)/;

/**
 * The same page in another language: swap the first path segment, keep the rest. Organizer
 * and development pages have no language in their path, so the choice goes in `?lng=`.
 */
export function pathInLocale(pathname: string, search: string, target: Locale): string {
  if (UNPREFIXED.test(pathname)) {
    const params = new URLSearchParams(search);
    params.set("lng", target);
    return `${pathname}?${params.toString()}`;
  }
  const segments = pathname.split("/");
  if (isLocale(segments[1])) segments[1] = target;
  else segments.splice(1, 0, target);
  const path = segments.join("/").replace(/\/$/, "");
  return `${path || `/${target}`}${search}`;
}

function rememberChoice(locale: Locale) {
  document.cookie = `lng=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

export function LanguageSwitcher({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  return (
    <nav aria-label={t("nav.language")} className="language-switcher">
      <ul>
        {SUPPORTED_LOCALES.map((lng) => (
          <li key={lng}>
            {lng === locale ? (
              <span aria-current="true" lang={lng}>
                {LOCALE_NAMES[lng]}
              </span>
            ) : (
              // A full page load: the new language's strings come with the document.
              <a
                href={pathInLocale(pathname, search, lng)}
                hrefLang={lng}
                lang={lng}
                onClick={() => rememberChoice(lng)}
              >
                {LOCALE_NAMES[lng]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
