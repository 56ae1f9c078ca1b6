import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, localeFromCookie, negotiateLocale } from "~/i18n/negotiate.server";

const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

describe("language negotiation", () => {
  it("takes the best supported language from Accept-Language, by quality", () => {
    expect(localeFromAcceptLanguage("ru-RU,ru;q=0.9,en;q=0.5")).toBe("ru");
    expect(localeFromAcceptLanguage("de;q=0.1, es")).toBe("es");
    expect(localeFromAcceptLanguage("uk-UA;q=0.8,ru;q=0.9")).toBe("ru");
    expect(localeFromAcceptLanguage("fr-CA")).toBe("fr");
  });

  it("ignores unsupported, empty and malformed headers", () => {
    expect(localeFromAcceptLanguage("xx-YY, zz")).toBeUndefined();
    expect(localeFromAcceptLanguage("")).toBeUndefined();
    expect(localeFromAcceptLanguage(";;;,,q=abc")).toBeUndefined();
    expect(localeFromAcceptLanguage("ru;q=NaN;;;===,\u0000")).not.toBe("en");
  });

  it("stays fast and sane on an enormous header", () => {
    const huge = "xx;q=0.1,".repeat(100_000) + "ru";
    // The header is cut to a sane length: the trailing "ru" lies beyond it.
    expect(localeFromAcceptLanguage(huge)).toBeUndefined();
    expect(negotiateLocale(request({ "Accept-Language": huge }))).toBe("en");
  });

  it("prefers an earlier explicit choice kept in a cookie", () => {
    expect(localeFromCookie("a=1; lng=uk; b=2")).toBe("uk");
    expect(localeFromCookie("lng=klingon")).toBeUndefined();
    expect(negotiateLocale(request({ Cookie: "lng=fr", "Accept-Language": "ru" }))).toBe("fr");
    expect(negotiateLocale(request({ Cookie: "lng=zz", "Accept-Language": "ru" }))).toBe("ru");
  });

  it("takes ?lng= (the switcher on unprefixed pages) before the cookie, and ignores unknown values", () => {
    const at = (query: string, headers: Record<string, string>) =>
      negotiateLocale(new Request(`http://localhost/organizer${query}`, { headers }));
    expect(at("?lng=ru", { Cookie: "lng=fr" })).toBe("ru");
    expect(at("?lng=xx", { Cookie: "lng=fr" })).toBe("fr");
    expect(at("?lng=", { "Accept-Language": "de" })).toBe("de");
  });

  it("falls back to English", () => {
    expect(negotiateLocale(request({}))).toBe("en");
  });
});
