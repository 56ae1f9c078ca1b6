/**
 * The one text cleaner: what every form field goes through before it is checked or stored.
 * Unicode NFC (so "é" typed two ways compares equal), Unix line ends, no surrounding blanks.
 */
export function cleanText(value: string | null | undefined): string {
  return (value ?? "").normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

/** For HTML written by hand (mail bodies, small server-made pages): the five that matter. */
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
