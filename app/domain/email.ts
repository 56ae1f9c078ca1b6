/**
 * One signature per person per campaign: addresses are compared in a canonical form.
 * Case never matters; `+tag` suffixes are dropped at providers known to deliver them to
 * the same mailbox, and Gmail also ignores dots in the local part.
 */
const PLUS_ADDRESSING = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "icloud.com",
  "me.com",
  "protonmail.com",
  "proton.me",
  "pm.me",
  "fastmail.com",
  "yandex.ru",
  "ya.ru",
]);
const DOTS_IGNORED = new Set(["gmail.com", "googlemail.com"]);
const DOMAIN_ALIASES: Record<string, string> = { "googlemail.com": "gmail.com", "ya.ru": "yandex.ru" };

export function canonicalEmail(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at < 1) return trimmed;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1).replace(/\.$/, "");
  if (PLUS_ADDRESSING.has(domain)) local = local.split("+")[0] ?? local;
  if (DOTS_IGNORED.has(domain)) local = local.replace(/\./g, "");
  domain = DOMAIN_ALIASES[domain] ?? domain;
  return `${local}@${domain}`;
}

/** "a•••@example.org", for logs that must not hold addresses. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${address[0]}•••@${address.slice(at + 1)}`;
}
