/**
 * Suppressions that expire (inline `(until 2027-03-01)`, baseline `expires`): a date is a calendar day
 * in UTC, and a suppression stops applying at the start of that day, as trivy's `expired_at` does.
 */

/** `text` if it is a real calendar day written YYYY-MM-DD, else undefined. */
export function parseDay(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Date.UTC rolls 2027-02-30 over to March 2: a day that does not exist is no date.
  return d.toISOString().slice(0, 10) === m[0] ? m[0] : undefined;
}

/** Whether a suppression valid until `day` (YYYY-MM-DD) no longer applies at `now`. */
export function isExpired(day: string, now: Date): boolean {
  return now.getTime() >= Date.parse(`${day}T00:00:00Z`);
}
