import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LETTER_STATES } from "~/domain/letters";
import { LOCALES } from "~/domain/vocab";
import { requireCampaignAccess } from "~/http/organizer-access.server";
import { LOCALE_NAMES } from "~/i18n/config";
import { negotiateLocale } from "~/i18n/negotiate.server";
import { loadLetterQueue } from "~/services/letters-queue.server";
import { organizerMeta } from "~/utils/organizer-title";

/** The tab's title (utils/organizer-title.ts). */
export const meta = organizerMeta("letters");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCampaignAccess(request, params.slug, "translate");
  const query = new URL(request.url).searchParams;
  return loadLetterQueue(
    access,
    {
      state: query.get("state"),
      prisoner: query.get("prisoner"),
      language: query.get("language"),
      flagged: query.get("flagged") === "1",
      page: Number(query.get("page") ?? "1") || 1,
    },
    negotiateLocale(request),
  );
}

/** The letter queue: counts per state, filters, and the letters, newest first. */
export default function OrganizerLetters() {
  const page = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["orgLetters", "organizer"]);
  const base = `/organizer/campaigns/${page.slug}/letters`;
  const when = (iso: string) =>
    new Date(iso).toLocaleDateString(i18n.language, { dateStyle: "medium", timeZone: "UTC" });
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    if (page.filters.state) params.set("state", page.filters.state);
    if (page.filters.prisoner) params.set("prisoner", page.filters.prisoner);
    if (page.filters.language) params.set("language", page.filters.language);
    if (page.filters.flagged) params.set("flagged", "1");
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return `?${params.toString()}`;
  };
  return (
    <section aria-labelledby="letters-title">
      <h1 id="letters-title">{t("queue.title")}</h1>
      <p>
        <Link to={`/organizer/campaigns/${page.slug}`}>{t("queue.overview")}</Link>
        {page.can.edit ? (
          <>
            {" · "}
            <Link to={`${base}/batches`}>{t("batches.title")}</Link>
          </>
        ) : null}
        {page.can.edit
          ? page.prisoners.map((p) => (
              <span key={p.slug}>
                {" · "}
                <Link to={`/organizer/prisoners/${p.slug}/letters`}>{t("queue.settingsOf", { name: p.name })}</Link>
              </span>
            ))
          : null}
      </p>
      <p className="help">{t("queue.intro")}</p>

      <ul className="organizer-links" aria-label={t("queue.counts")}>
        {LETTER_STATES.map((s) => (
          <li key={s}>
            <Link to={`?state=${s}`} data-testid={`count-${s}`}>
              {t(`states.${s}`)}: {page.counts[s] ?? 0}
            </Link>
          </li>
        ))}
      </ul>

      <Form method="get" className="organizer-filters">
        <label>
          {t("queue.state")}{" "}
          <select name="state" defaultValue={page.filters.state ?? ""}>
            <option value="">{t("queue.any")}</option>
            {LETTER_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`states.${s}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        {page.prisoners.length > 1 ? (
          <label>
            {t("queue.prisoner")}{" "}
            <select name="prisoner" defaultValue={page.filters.prisoner ?? ""}>
              <option value="">{t("queue.any")}</option>
              {page.prisoners.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}{" "}
        <label>
          {t("queue.language")}{" "}
          <select name="language" defaultValue={page.filters.language ?? ""}>
            <option value="">{t("queue.any")}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>{" "}
        <label className="choice">
          <input type="checkbox" name="flagged" value="1" defaultChecked={page.filters.flagged} />{" "}
          {t("queue.flaggedOnly")}
        </label>{" "}
        <button type="submit" className="button button--small">
          {t("queue.filter")}
        </button>
      </Form>

      {page.letters.length === 0 ? (
        <p className="empty">{t("queue.empty")}</p>
      ) : (
        <table className="organizer-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("queue.written")}</th>
              <th scope="col">{t("queue.prisoner")}</th>
              <th scope="col">{t("queue.writer")}</th>
              <th scope="col">{t("queue.language")}</th>
              <th scope="col">{t("queue.state")}</th>
              <th scope="col">{t("queue.text")}</th>
            </tr>
          </thead>
          <tbody>
            {page.letters.map((l) => (
              <tr key={l.id} data-testid="letter-row">
                <td>
                  <Link to={`${base}/${l.id}`}>{l.id}</Link>
                </td>
                <td>{when(l.createdAt)}</td>
                <td>{l.prisoner}</td>
                <td>
                  {l.writerName} ({l.writerCountry})
                </td>
                <td>{l.language.toUpperCase()}</td>
                <td>
                  {t(`states.${l.state}`)}
                  {l.needsCheck ? <> · {t("queue.needsCheck")}</> : null}
                  {l.flags.length ? (
                    <>
                      {" "}
                      · <strong>{t("queue.flagged", { words: l.flags.join(", ") })}</strong>
                    </>
                  ) : null}
                </td>
                <td lang={l.language}>
                  <Link to={`${base}/${l.id}`}>
                    {l.preview}
                    {l.length > l.preview.length ? "…" : ""}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {page.filters.page > 1 ? (
          <Link to={query({ page: String(page.filters.page - 1) })}>{t("queue.previous")}</Link>
        ) : null}{" "}
        {page.hasMore ? <Link to={query({ page: String(page.filters.page + 1) })}>{t("queue.next")}</Link> : null}
      </p>

      <h2 id="letters-export-title">{t("export.title")}</h2>
      <p className="help">{page.can.edit ? t("export.helpWithAddresses") : t("export.helpNoAddresses")}</p>
      <Form method="post" action={`${base}/export`} reloadDocument aria-labelledby="letters-export-title">
        <label>
          {t("export.format")}{" "}
          <select name="format" defaultValue="csv">
            <option value="csv">CSV</option>
            <option value="xlsx">XLSX</option>
          </select>
        </label>{" "}
        {page.prisoners.length > 1 ? (
          <label>
            {t("queue.prisoner")}{" "}
            <select name="prisonerId" defaultValue="">
              <option value="">{t("queue.any")}</option>
              {page.prisoners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}{" "}
        <label className="choice">
          <input type="checkbox" name="bom" value="on" defaultChecked /> {t("export.bom")}
        </label>{" "}
        <button type="submit" className="button button--small">
          {t("export.download")}
        </button>
      </Form>
    </section>
  );
}
