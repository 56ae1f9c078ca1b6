import { type FieldMetadata, getInputProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/form-kit";
import { SETTINGS_LIMITS } from "~/schemas/campaign-settings";

/**
 * The campaign address field of the new-campaign and settings forms: its length error names
 * both limits, which the form kit's error line (one `max`) cannot.
 */
export function SlugField({ meta, hint }: { meta: FieldMetadata<string | undefined>; hint: string }) {
  const { t } = useTranslation("orgCampaign");
  const code = meta.errors?.[0];
  return (
    <Field id={meta.id} label={t("fields.slug")} hint={hint} ns="orgCampaign">
      <input
        {...getInputProps(meta, { type: "text", ariaDescribedBy: `${meta.id}-hint` })}
        required
        maxLength={SETTINGS_LIMITS.slug}
      />
      {code ? (
        <p id={meta.errorId} className="field-error" role="alert">
          {t(`errors.${code}`, { min: SETTINGS_LIMITS.slugMin, max: SETTINGS_LIMITS.slug })}
        </p>
      ) : null}
    </Field>
  );
}
