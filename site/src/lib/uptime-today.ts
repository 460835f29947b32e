import type { ServiceStatus } from '../../../api/src/contract/status.ts';
import { downWeight, floorPercent, uptimeRank, type UptimeDay } from '../../../api/src/contract/uptime-report.ts';
import { uptimeBarDay, type UptimeBarDay } from './uptime-bar.ts';

// Today's uptime cell keeps counting on an open page: the server rendered the day up to the render
// time; the live module knows every status change since, so it carries the day on with the server's
// own rules (contract/uptime-report.ts) instead of leaving a green cell under a major outage.

/** Today as rendered, and the service's status since the last change the page saw. */
export interface TodaySoFar {
  /** The day as the server rendered it (up to `since`'s first value, the render time). */
  day: UptimeDay;
  /** Start of the day's counted time (ms): the later of local midnight and the service's creation. */
  countedFrom: number;
  /** The status the service has shown since `since` (ms). */
  status: ServiceStatus;
  since: number;
}

/** Today's figures at `now`: the rendered day plus the spell since `since`, counted as the server does. */
export function todayAt(today: TodaySoFar, now: number): UptimeDay {
  const { day, status } = today;
  const spell = Math.max(0, now - today.since);
  const major = day.major_outage_seconds * 1000 + (status === 'major_outage' ? spell : 0);
  const partial = day.partial_outage_seconds * 1000 + (status === 'partial_outage' ? spell : 0);
  const covered = now - today.countedFrom;
  // Only the outages weigh as down (downWeight), so their times give the day's down time again.
  const down = major * downWeight.major_outage + partial * downWeight.partial_outage;
  const worst = day.status === null || uptimeRank[status] > uptimeRank[day.status] ? status : day.status;
  return {
    date: day.date,
    status: worst,
    uptime: covered <= 0 ? 100 : floorPercent(1 - Math.min(1, down / covered)),
    major_outage_seconds: Math.round(major / 1000),
    partial_outage_seconds: Math.round(partial / 1000),
  };
}

/** The service changed to `status` at `at`: the spell until then becomes part of the day. */
export function changeToday(today: TodaySoFar, status: ServiceStatus, at: number): TodaySoFar {
  if (status === today.status) return today;
  return { ...today, day: todayAt(today, at), status, since: Math.max(at, today.since) };
}

/** Today's cell at `now`, as the server would render it. */
export function todayCell(today: TodaySoFar, now: number): UptimeBarDay {
  return uptimeBarDay(todayAt(today, now));
}
