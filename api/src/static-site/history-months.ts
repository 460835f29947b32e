import type { PublicIncident, PublicMaintenance } from '../contract/public-status.ts';
import { localDate } from '../uptime/zoned-days.ts';
import type { HistoryMonth } from '../contract/site-locals.ts';

/** Months on one history page (Statuspage shows three). */
const monthsPerPage = 3;

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/**
 * The history pages' months, newest first: from the current local month back to the month of the
 * oldest entry (at least one full page), each with its incidents and its started or finished
 * maintenances (scheduled ones are not history yet). Empty months stay, so the calendar has no holes.
 */
export function historyMonthsOf(
  history: { incidents: readonly PublicIncident[]; maintenances: readonly PublicMaintenance[] },
  timeZone: string,
  now: Date,
): HistoryMonth[] {
  const monthOf = (iso: string) => localDate(new Date(iso), timeZone).slice(0, 7);
  const current = monthOf(now.toISOString());
  const maintenances = history.maintenances.filter((m) => m.status !== 'scheduled');
  const months = [
    ...history.incidents.map((i) => monthOf(i.started_at)),
    ...maintenances.map((m) => monthOf(m.starts_at)),
  ];
  const oldest = months.reduce((min, m) => (m < min ? m : min), current);
  const result: HistoryMonth[] = [];
  for (let month = current; result.length < monthsPerPage || month >= oldest; month = previousMonth(month)) {
    result.push({
      month,
      incidents: history.incidents.filter((i) => monthOf(i.started_at) === month),
      maintenances: maintenances.filter((m) => monthOf(m.starts_at) === month),
    });
  }
  return result;
}

/** The months split into pages of `monthsPerPage`; page 1 is the newest. */
export function historyPages(months: readonly HistoryMonth[]): HistoryMonth[][] {
  const pages: HistoryMonth[][] = [];
  for (let at = 0; at < months.length; at += monthsPerPage) pages.push(months.slice(at, at + monthsPerPage));
  return pages.length ? pages : [[]];
}
