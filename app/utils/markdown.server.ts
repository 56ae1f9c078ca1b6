import MarkdownIt from "markdown-it";

// Raw HTML in letters is never rendered: markdown-it escapes it (html: false) and refuses
// javascript:, vbscript:, file: and data: links (its validateLink).
const md = new MarkdownIt({ html: false, linkify: false, typographer: true, breaks: false });

// Links leave the site without handing over our page (rel) or the reader (referrer).
const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Markdown written by organizers, rendered to safe HTML. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Plain text of Markdown, for meta descriptions and mails. */
export function markdownToPlainText(source: string): string {
  return md
    .render(source)
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
