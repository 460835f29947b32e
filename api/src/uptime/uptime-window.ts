import { addDays, isValidTimeZone, localDate, startOfLocalDay } from './zoned-days.ts';

/** The zone an org's uptime counts in: its own, or UTC when the stored one is unknown (the column only checks length). */
export function uptimeTimeZone(stored: string | undefined): string {
  return stored && isValidTimeZone(stored) ? stored : 'UTC';
}

/**
 * The first instant of the `days` local days ending today: the uptime of those days needs every
 * change from here to now, and the last change before here (it gives the window's first status).
 */
export function uptimeWindowStart(now: Date, timeZone: string, days: number): Date {
  return startOfLocalDay(addDays(localDate(now, timeZone), -(days - 1)), timeZone);
}
