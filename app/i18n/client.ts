import { createInstance, type i18n as I18n } from "i18next";
import { useMemo } from "react";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, NAMESPACES } from "./config";

type Resources = Record<string, Record<string, unknown>>;

/**
 * One i18next instance per page language, built from the resources the root loader sent.
 * The server renders with the same data, so hydration matches and nothing flashes.
 */
export function useI18nInstance(locale: string, resources: Resources): I18n {
  return useMemo(() => {
    const i18n = createInstance();
    void i18n.use(initReactI18next).init({
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      resources: { [locale]: resources },
      ns: [...NAMESPACES],
      defaultNS: "common",
      initImmediate: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
    });
    return i18n;
  }, [locale, resources]);
}
