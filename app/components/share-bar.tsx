import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Plain share links: no third-party scripts, no tracking pixels. Each link carries the
 * page's language and a `ref` naming the channel (never the person who shared).
 */
export function ShareBar({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation();
  const [canShare, setCanShare] = useState(false);
  const [copied, setCopied] = useState(false);
  const [mastodonOpen, setMastodonOpen] = useState(false);
  useEffect(() => setCanShare(typeof navigator !== "undefined" && typeof navigator.share === "function"), []);

  const withRef = (ref: string) => {
    const u = new URL(url);
    u.searchParams.set("ref", ref);
    return u.toString();
  };
  const e = encodeURIComponent;
  const links: { key: string; label: string; href: string }[] = [
    {
      key: "telegram",
      label: "Telegram",
      href: `https://t.me/share/url?url=${e(withRef("telegram"))}&text=${e(title)}`,
    },
    { key: "whatsapp", label: "WhatsApp", href: `https://wa.me/?text=${e(`${title} ${withRef("whatsapp")}`)}` },
    { key: "vk", label: "VK", href: `https://vk.com/share.php?url=${e(withRef("vk"))}&title=${e(title)}` },
    { key: "x", label: "X", href: `https://x.com/intent/post?url=${e(withRef("x"))}&text=${e(title)}` },
    {
      key: "facebook",
      label: "Facebook",
      href: `https://www.facebook.com/sharer/sharer.php?u=${e(withRef("facebook"))}`,
    },
    {
      key: "bluesky",
      label: "Bluesky",
      href: `https://bsky.app/intent/compose?text=${e(`${title} ${withRef("bluesky")}`)}`,
    },
    { key: "email", label: t("share.email"), href: `mailto:?subject=${e(title)}&body=${e(withRef("email"))}` },
  ];

  return (
    <section className="share-bar" aria-labelledby="share-title">
      <h2 id="share-title">{t("share.title")}</h2>
      <ul>
        {links.map((link) => (
          <li key={link.key}>
            <a href={link.href} target="_blank" rel="noopener noreferrer nofollow">
              {link.label}
            </a>
          </li>
        ))}
        <li>
          <button
            type="button"
            className="link-button"
            onClick={() => setMastodonOpen((open) => !open)}
            aria-expanded={mastodonOpen}
          >
            Mastodon
          </button>
        </li>
        <li>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              void navigator.clipboard?.writeText(withRef("link")).then(() => setCopied(true));
            }}
          >
            {copied ? t("share.copied") : t("share.copy")}
          </button>
        </li>
        {canShare ? (
          <li>
            <button
              type="button"
              className="link-button"
              onClick={() => void navigator.share({ title, url: withRef("native") }).catch(() => undefined)}
            >
              {t("share.more")}
            </button>
          </li>
        ) : null}
      </ul>
      {mastodonOpen ? (
        <form
          className="mastodon-form"
          onSubmit={(event) => {
            event.preventDefault();
            const instance = String(new FormData(event.currentTarget).get("instance") ?? "")
              .trim()
              .replace(/^https?:\/\//, "")
              .replace(/\/.*$/, "");
            if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(instance)) return;
            window.open(
              `https://${instance}/share?text=${e(`${title} ${withRef("mastodon")}`)}`,
              "_blank",
              "noopener,noreferrer",
            );
          }}
        >
          <label htmlFor="mastodon-instance">{t("share.mastodonInstance")}</label>
          <input id="mastodon-instance" name="instance" placeholder="mathstodon.xyz" required />
          <button type="submit" className="button">
            {t("share.mastodonGo")}
          </button>
        </form>
      ) : null}
      <p className="share-url">
        <input readOnly value={url} aria-label={t("share.url")} onFocus={(event) => event.currentTarget.select()} />
      </p>
    </section>
  );
}
