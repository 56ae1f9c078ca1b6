import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PublicSignatory } from "~/domain/signatory";
import type { SignatoryGroup } from "~/services/public-pages.server";
import { useFormat } from "./format";

export function Signatory({ signatory, groupLabel }: { signatory: PublicSignatory; groupLabel: string }) {
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
          {t("signatory.anonymous", { group: groupLabel, country: country(signatory.country) })}
        </li>
      );
  }
}

export function SignatoryGroups({ groups, allHref }: { groups: SignatoryGroup[]; allHref: string }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const visible = groups.filter((g) => g.count > 0);
  if (visible.length === 0) return <p className="empty">{t("campaign.noSignatures")}</p>;
  return (
    <div className="signatory-groups">
      {visible.map((g) => (
        <section key={g.key} className="signatory-group" aria-labelledby={`group-${g.key}`}>
          <h3 id={`group-${g.key}`}>
            {g.label} <span className="count">{number(g.count)}</span>
          </h3>
          <ul className="signatory-list">
            {g.signatories.map((s, i) => (
              <Signatory key={i} signatory={s} groupLabel={g.label} />
            ))}
          </ul>
          {g.listedCount > g.signatories.length ? (
            <p className="more">
              <Link to={`${allHref}?group=${encodeURIComponent(g.key)}`}>
                {t("campaign.andMoreListed", { count: g.listedCount - g.signatories.length })}
              </Link>
            </p>
          ) : null}
          {g.count > g.listedCount ? (
            <p className="more">{t("campaign.countedOnly", { count: g.count - g.listedCount })}</p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
