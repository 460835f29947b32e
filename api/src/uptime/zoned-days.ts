// Calendar days in an IANA time zone, with Intl only (Node ships full ICU). A day is the span from
// one local midnight to the next, so DST days last 23 or 25 hours.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `instant` in `timeZone`, as if it were UTC (ms since epoch). */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at `instant`, in ms (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockAsUtc(whole, timeZone) - whole;
}

/** The local calendar date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(wallClockAsUtc(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** `date` (`YYYY-MM-DD`) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The first instant of local calendar day `date` in `timeZone`. Usually local midnight; where a DST
 * change skips midnight (America/Santiago, for one), the instant the clocks jump to.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  // Pure in (date, zone) and called 180 times per service per 90-day bar: remembered (bounded).
  const key = `${timeZone}|${date}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return new Date(known);
  const start = computeStartOfLocalDay(date, timeZone);
  if (dayStarts.size >= 50_000) dayStarts.clear();
  dayStarts.set(key, start.getTime());
  return start;
}

const dayStarts = new Map<string, number>();

function computeStartOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(y, m - 1, d);
  // Midnight lies within a day of UTC midnight, so one of the offsets around it is the right one.
  const firstGuess = midnightAsUtc - offsetAt(midnightAsUtc, timeZone);
  const secondGuess = midnightAsUtc - offsetAt(firstGuess, timeZone);
  const candidates = [firstGuess, secondGuess].filter((t) => localDate(new Date(t), timeZone) === date);
  return new Date(candidates.length ? Math.min(...candidates) : firstGuess);
}
