import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { addDays, parseDay, parseUtcDateTime, toUtcDateTimeLocal } from "~/domain/dates";
import { cleanText, escapeHtml } from "~/domain/text";
import { dateTime, day, fieldErrorMap, id, multiLine, oneOf, singleLine } from "~/schemas/fields";

/** The form kit's builders, through Conform's parseWithZod exactly as routes and the browser call it. */
const schema = z.object({
  name: singleLine(5, { required: true }),
  note: multiLine(12),
  on: day({ allowFuture: false }),
  hearing: day({ required: true }),
  from: dateTime(),
  to: dateTime({ end: true }),
  id: id(),
  role: oneOf(["owner", "editor"] as const),
});

function parse(values: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.set(k, v);
  return parseWithZod(form, { schema, errorMap: fieldErrorMap });
}

const valid = { name: "Ada", hearing: "2027-01-15", id: "42", role: "editor" };

describe("form kit builders", () => {
  it("answers codes, never zod's English, for empty and malformed fields", () => {
    const result = parse({ name: "   ", hearing: "", id: "", role: "" });
    expect(result.status).toBe("error");
    expect(result.reply().error).toEqual({
      name: ["required"],
      hearing: ["required"],
      id: ["required"],
      role: ["required"],
    });
    const bad = parse({
      ...valid,
      name: "Ada\nLovelace",
      note: "x".repeat(13),
      on: "2999-01-01",
      hearing: "2026-02-30",
      from: "2026-13-01T00:00",
      id: "007",
      role: "admin",
    });
    expect(bad.reply().error).toEqual({
      name: ["tooLong"],
      note: ["tooLong"],
      on: ["future"],
      hearing: ["date"],
      from: ["date"],
      id: ["invalid"],
      role: ["invalid"],
    });
    expect(parse({ ...valid, name: "A\nB" }).reply().error).toEqual({ name: ["lineBreak"] });
  });

  it("cleans and converts what it accepts", () => {
    const result = parse({
      ...valid,
      name: "  Cafe\u0301 ",
      note: " one\r\ntwo ",
      on: "2020-02-29",
      from: "2026-12-06T10:30",
      to: "2026-12-06T10:30",
    });
    if (result.status !== "success") throw new Error(JSON.stringify(result.reply()));
    expect(result.value).toEqual({
      name: "Café",
      note: "one\ntwo",
      on: "2020-02-29",
      hearing: "2027-01-15",
      from: new Date("2026-12-06T10:30:00Z"),
      to: new Date("2026-12-06T10:31:00Z"),
      id: 42,
      role: "editor",
    });
  });

  it("leaves optional fields empty as empty values", () => {
    const result = parse(valid);
    if (result.status !== "success") throw new Error(JSON.stringify(result.reply()));
    expect(result.value).toMatchObject({ note: "", on: null, from: null, to: null });
  });
});

describe("dates and text, the one copy of each rule", () => {
  it("knows real calendar days and reads datetime-local as UTC", () => {
    expect(parseDay("2024-02-29")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(parseDay("2023-02-29")).toBeNull();
    expect(parseDay("2023-2-1")).toBeNull();
    expect(addDays(parseDay("2026-12-31")!, 1).toISOString().slice(0, 10)).toBe("2027-01-01");
    expect(parseUtcDateTime("2026-12-06T23:59:59", true)?.toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(parseUtcDateTime("2026-12-06T24:00")).toBeNull();
    expect(toUtcDateTimeLocal(new Date("2026-12-06T10:30:05.123Z"))).toBe("2026-12-06T10:30:05");
  });

  it("cleans text and escapes HTML", () => {
    expect(cleanText(" a\r\nb\rc ")).toBe("a\nb\nc");
    expect(cleanText(undefined)).toBe("");
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
