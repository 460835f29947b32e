// Times on the pages are the org's local times, and say which zone they are in.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    formatters.set(key, found);
  }
  return found;
}

/** `Jan 5, 2025, 14:03 GMT+1` — the date and time in `timeZone`, with the zone's short name. */
export function formatDateTime(iso: string, timeZone: string): string {
  return formatter(timeZone, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

// Every uptime bar names its 90 days: a page of 20 services asks for the same 90 dates 20 times.
const dayWords = new Map<string, string>();

/** `Jan 5, 2025` — a calendar date (`YYYY-MM-DD`, already local) as words. */
export function formatDay(date: string): string {
  let words = dayWords.get(date);
  if (words === undefined) {
    words = formatter('UTC', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
    if (dayWords.size >= 10_000) dayWords.clear();
    dayWords.set(date, words);
  }
  return words;
}

/** `January 2025` for a `YYYY-MM` month. */
export function formatMonth(month: string): string {
  return formatter('UTC', { year: 'numeric', month: 'long' }).format(new Date(`${month}-01T00:00:00Z`));
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** `5 minutes ago`, `in 2 hours`, `just now` — `iso` relative to `now`. */
export function formatRelative(iso: string, now: Date): string {
  let amount = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (Math.abs(amount) < 45) return 'just now';
  for (const [unit, size] of steps) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return relative.format(Math.round(amount), 'year');
}

/** `2 h 5 min`, `45 min`, `30 s` — a duration in seconds, for the uptime summaries. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
