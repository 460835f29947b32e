// Wall-clock times in a named zone (the org's), without a date library: Intl knows every IANA zone.

const partsFormat = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock at `date` as [year, month, day, hour, minute, second]. */
function wallClock(date: Date, zone: string): number[] {
  let format = partsFormat.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, Number(p.value)]));
  return [parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!];
}

/** How far the zone's clock is ahead of UTC at `date`, in ms. */
function offsetMs(date: Date, zone: string): number {
  const [y, mo, d, h, mi, s] = wallClock(date, zone);
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The instant a `datetime-local` value (`2030-03-12T14:05`) names in `zone`, as ISO UTC; null when
 * the value is not one. A time skipped by a DST jump lands just after the jump.
 */
export function zonedToIso(local: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  // Two passes: the offset at the first guess may differ from the one at the answer (DST).
  let instant = asUtc - offsetMs(new Date(asUtc), zone);
  instant = asUtc - offsetMs(new Date(instant), zone);
  return new Date(instant).toISOString();
}

/** An instant as a `datetime-local` value on `zone`'s clock. */
export function isoToZoned(iso: string, zone: string): string {
  const [y, mo, d, h, mi] = wallClock(new Date(iso), zone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(y!, 4)}-${pad(mo!)}-${pad(d!)}T${pad(h!)}:${pad(mi!)}`;
}

/** An instant as "Tue 12 Mar 2030, 14:05" in `zone` (the browser's when left out). */
export function formatInZone(iso: string, zone?: string): string {
  return new Date(iso).toLocaleString(undefined, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The browser's own zone ("Europe/Berlin"). */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
