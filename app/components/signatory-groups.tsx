import { useTranslation } from "react-i18next";
import type { PublicSignatory } from "~/domain/signatory";
import type { SignatoryGroup } from "~/services/public-pages.server";
import { useFormat } from "./format";

function Signatory({ signatory, groupLabel }: { signatory: PublicSignatory; groupLabel: string }) {
  const { t } = useTranslation();
  const { country } = useFormat();
  switch (signatory.kind) {
    case "public":
      return (
        <li className={signatory.notable ? "signatory signatory--notable" : "signatory"}>
          <span className="signatory__name">{signatory.name}</span>
          {signatory.title ? <span className="signatory__title">, {signatory.title}</span> : null}
          <span className="signatory__country"> ({country(signatory.country)})</span>
        </li>
      );
    case "initials":
      return (
        <li className="signatory">
          <span className="signatory__name">{signatory.initials}</span>
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

export function SignatoryGroups({ groups }: { groups: SignatoryGroup[] }) {
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
            <p className="more">{t("campaign.andMoreListed", { count: g.listedCount - g.signatories.length })}</p>
          ) : null}
          {g.count > g.listedCount ? (
            <p className="more">{t("campaign.countedOnly", { count: g.count - g.listedCount })}</p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
