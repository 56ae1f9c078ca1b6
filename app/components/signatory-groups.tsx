import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PublicSignatory } from "~/domain/signatory";
import type { SignatoryGroup } from "~/services/public-pages.server";
import { useFormat } from "./format";

export function Signatory({
  signatory,
  groupLabel,
  groupKey = "",
}: {
  signatory: PublicSignatory;
  groupLabel: string;
  /** Picks the singular the sign form promised ("a mathematician from Russia"). */
  groupKey?: string;
}) {
  const { t } = useTranslation();
  const { country } = useFormat();
  switch (signatory.kind) {
    case "public":
      return (
        <li className={signatory.notable ? "signatory signatory--notable" : "signatory"}>
          <bdi className="signatory__name">{signatory.name}</bdi>
          {signatory.title ? (
            <>
              , <bdi className="signatory__title">{signatory.title}</bdi>
            </>
          ) : null}
          <span className="signatory__country"> ({country(signatory.country)})</span>
        </li>
      );
    case "initials":
      return (
        <li className="signatory">
          <bdi className="signatory__name">{signatory.initials}</bdi>
          <span className="signatory__country"> ({country(signatory.country)})</span>
        </li>
      );
    case "anonymous":
      return (
        <li className="signatory signatory--anonymous">
          {t([`signatory.anonymousAs.${groupKey}`, "signatory.anonymousInGroup"], {
            group: groupLabel,
            country: country(signatory.country),
          })}
        </li>
      );
  }
}

export function SignatoryGroups({
  groups,
  allHref,
  unlisted = 0,
}: {
  groups: SignatoryGroup[];
  allHref: string;
  /** "Counted only" signers: one number for the campaign, never shown per group or country. */
  unlisted?: number;
}) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const visible = groups.filter((g) => g.count > 0);
  const countedOnly =
    unlisted > 0 ? (
      <p className="more" data-testid="unlisted">
        {t("campaign.countedOnly", { count: unlisted })}
      </p>
    ) : null;
  if (visible.length === 0) return countedOnly ?? <p className="empty">{t("campaign.noSignatures")}</p>;
  return (
    <div className="signatory-groups">
      {visible.map((g) => (
        <section key={g.key} className="signatory-group" aria-labelledby={`group-${g.key}`}>
          <h3 id={`group-${g.key}`}>
            {g.label} <span className="count">{number(g.count)}</span>
          </h3>
          <ul className="signatory-list">
            {g.signatories.map((s, i) => (
              <Signatory key={i} signatory={s} groupLabel={g.label} groupKey={g.key} />
            ))}
          </ul>
          {g.listedCount > g.signatories.length ? (
            <p className="more">
              <Link to={`${allHref}?group=${encodeURIComponent(g.key)}`}>
                {t("campaign.andMoreListed", { count: g.listedCount - g.signatories.length })}
              </Link>
            </p>
          ) : null}
        </section>
      ))}
      {countedOnly}
    </div>
  );
}
