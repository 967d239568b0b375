/** The current time as the ISO-8601 text stored in timestamp columns. */
export function nowIso(): string {
  return new Date().toISOString();
}
