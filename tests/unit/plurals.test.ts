import { describe, expect, it } from "vitest";
import { getFixedT } from "~/i18n/i18n.server";

describe("plural forms", () => {
  it("follows Russian rules: 1 подпись, 2 подписи, 5 подписей, 21 подпись", () => {
    const t = getFixedT("ru");
    expect([1, 2, 5, 11, 21, 22, 25].map((count) => t("campaign.signatures", { count }))).toEqual([
      "подпись",
      "подписи",
      "подписей",
      "подписей",
      "подпись",
      "подписи",
      "подписей",
    ]);
  });

  it("follows Ukrainian rules", () => {
    const t = getFixedT("uk");
    expect([1, 3, 5, 21].map((count) => t("campaign.signatures", { count }))).toEqual([
      "підпис",
      "підписи",
      "підписів",
      "підпис",
    ]);
  });

  it("has one and other in English", () => {
    const t = getFixedT("en");
    expect(t("campaign.signatures", { count: 1 })).toBe("signature");
    expect(t("campaign.signatures", { count: 0 })).toBe("signatures");
    expect(t("campaign.signatures", { count: 2 })).toBe("signatures");
  });
});
