/** Only our own organizer pages are acceptable targets after sign-in (no open redirect). */
export function safeNext(value: string | null | undefined): string {
  if (typeof value !== "string") return "/organizer";
  if (!/^\/organizer(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&%._+-]*)?$/.test(value)) return "/organizer";
  return value;
}
