import { describe, expect, it } from "vitest";
import { markdownToPlainText, renderMarkdown } from "~/utils/markdown.server";

describe("letter Markdown", () => {
  it("renders paragraphs, emphasis and lists", () => {
    const html = renderMarkdown("We, the undersigned, **demand**:\n\n- his release\n- an end to torture");
    expect(html).toContain("<strong>demand</strong>");
    expect(html).toContain("<li>his release</li>");
  });

  it("escapes raw HTML instead of rendering it", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror="alert(2)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("refuses javascript: links and marks outgoing links", () => {
    expect(renderMarkdown("[click](javascript:alert(1))")).not.toContain('href="javascript:');
    expect(renderMarkdown("[OVD-Info](https://example.org/)")).toContain('rel="nofollow noopener noreferrer"');
  });

  it("gives plain text for descriptions", () => {
    expect(markdownToPlainText("# Title\n\nWe **ask** <b>now</b> & always.")).toBe("Title We ask <b>now</b> & always.");
  });
});
