import { z } from '@hono/zod-openapi';

/**
 * Wire fields several routes accept, defined once so every route refuses the same bad values.
 */

// Years a status page can mean. Outside them PostgreSQL and JavaScript disagree (a year 0001 came
// back as 2001), so a date there is refused with a 400 rather than stored as something else.
const earliest = Date.UTC(1970, 0, 1);
const latest = Date.UTC(2200, 0, 1);

/** An instant: ISO 8601 with a UTC offset (`2026-12-04T09:30:00Z`, `…+01:00`), 1970 ≤ year < 2200. */
export const instant = z.iso
  .datetime({ offset: true })
  .refine(
    (value) => {
      const at = Date.parse(value);
      return at >= earliest && at < latest;
    },
    { message: 'Must be between 1970-01-01 and 2199-12-31' },
  )
  .openapi({ format: 'date-time', example: '2026-12-04T09:30:00Z' });

/** The highest display position of a service or group; a new one's default never passes it. */
export const maxPosition = 1_000_000;

/** A display position (services, groups): lower first, ties by name. */
export const displayPosition = z.number().int().min(0).max(maxPosition);
