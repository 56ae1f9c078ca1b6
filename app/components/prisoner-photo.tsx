import { initialsOf } from "~/domain/signatory";

/** The prisoner's photo, or their initials on a calm background when there is none. */
export function PrisonerPhoto({
  name,
  photoUrl,
  size = "md",
}: {
  name: string;
  photoUrl: string | null;
  size?: "sm" | "md" | "lg";
}) {
  if (photoUrl) {
    return <img className={`photo photo--${size}`} src={photoUrl} alt={name} loading="lazy" decoding="async" />;
  }
  return (
    <span className={`photo photo--${size} photo--placeholder`} role="img" aria-label={name}>
      {initialsOf(name).replace(/\.\s?/g, "")}
    </span>
  );
}
