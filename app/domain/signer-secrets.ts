import { initialsOf } from "./signatory";
import type { Visibility } from "./vocab";

/**
 * What identifies a signer, kept sealed (encrypted) in `signatures.sealed` whatever they chose
 * (issue 12). Short keys: the envelope is stored once per signature.
 */
export interface SignerSecrets {
  /** The address as typed. */
  e: string;
  /** Full name. */
  n: string;
  /** Title and affiliation. */
  t: string;
  /** City. */
  c: string | null;
  /** Comment. */
  m: string | null;
}

/** A signer's details as the app handles them once opened. */
export interface SignerDetails {
  email: string;
  fullName: string;
  title: string;
  city: string | null;
  comment: string | null;
}

export const toSecrets = (d: SignerDetails): SignerSecrets => ({
  e: d.email,
  n: d.fullName,
  t: d.title,
  c: d.city,
  m: d.comment,
});

export const fromSecrets = (s: SignerSecrets): SignerDetails => ({
  email: s.e,
  fullName: s.n,
  title: s.t,
  city: s.c,
  comment: s.m,
});

/**
 * The clear columns of a signature: only what its signer chose to publish. A public signer's
 * name and title stay in clear (the list shows them and searches them); an "initials" signer
 * keeps only the initials the list shows; anonymous and "counted only" signers keep nothing.
 * City and comment are never published, so never in clear.
 */
export function publishedColumns(visibility: Visibility, d: { fullName: string; title: string }) {
  switch (visibility) {
    case "public":
      return { full_name: d.fullName, title: d.title, city: null, comment: null };
    case "initials":
      return { full_name: d.fullName ? initialsOf(d.fullName) : "", title: "", city: null, comment: null };
    case "anonymous":
    case "counted":
      return { full_name: "", title: "", city: null, comment: null };
  }
}

/** The domain of an address, lower case ("" when there is none). */
export function emailDomain(canonical: string): string {
  const at = canonical.lastIndexOf("@");
  return at < 0 ? "" : canonical.slice(at + 1);
}
