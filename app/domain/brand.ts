/** The site's colours, for what CSS cannot reach: mails and server-rendered images. */
export const BRAND_COLORS = {
  ink: "#1d1d1f",
  muted: "#5b5b63",
  line: "#e3e0d8",
  accent: "#7a1f2b",
  accentSoft: "#f6e9ea",
  paper: "#fbfaf7",
} as const;
