import { z } from '@hono/zod-openapi';

/**
 * True for an IANA time zone name as Intl knows it ("Europe/Berlin", "UTC", "Asia/Calcutta"), spelled
 * exactly: "utc" or "EST" resolve to another name and are refused, so what is stored is what renders.
 */
export function isIanaTimeZone(name: string): boolean {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone === name;
  } catch {
    return false;
  }
}

/** A time zone field. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isIanaTimeZone, 'Not an IANA time zone (e.g. "Europe/Berlin" or "UTC")')
  .openapi({ example: 'Europe/Berlin' });
