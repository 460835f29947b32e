import type { ServiceStatus } from '../contract/status.ts';
import {
  downWeight,
  floorPercent,
  uptimeRank as rank,
  type UptimeDay,
  type UptimeReport,
} from '../contract/uptime-report.ts';
import { addDays, localDate, startOfLocalDay } from './zoned-days.ts';

/** A change of a service's shown status (a service_status_history row). */
export interface StatusChange {
  at: Date;
  status: ServiceStatus;
}

/** What the uptime of one service over the last `days` local days is computed from. */
export interface UptimeInput {
  /** IANA zone whose calendar days are counted (the org's). */
  timeZone: string;
  now: Date;
  /** When the service was created: earlier time is "no data", and it starts operational. */
  createdAt: Date;
  /** How many days, today included. */
  days: number;
  /** Every change up to `now`, any order; the last one before the window gives its first status. */
  changes: readonly StatusChange[];
}

interface Spell {
  from: number;
  to: number;
  status: ServiceStatus;
}

/** The service's shown status as consecutive spells from its creation to `now`. */
function spellsOf(input: UptimeInput): Spell[] {
  const start = input.createdAt.getTime();
  const end = input.now.getTime();
  const changes = [...input.changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const spells: Spell[] = [];
  let status: ServiceStatus = 'operational';
  let from = start;
  for (const change of changes) {
    const at = change.at.getTime();
    if (at > end) break;
    if (at > from) {
      spells.push({ from, to: at, status });
      from = at;
    }
    status = change.status;
  }
  if (end > from || spells.length === 0) spells.push({ from, to: Math.max(from, end), status });
  return spells;
}

interface FrameDay {
  date: string;
  dayStart: number;
  dayEnd: number;
}

// The same days (dates and their local bounds) serve every service of an org, and every org of a
// zone: a page of 20 services asked for them 3,600 times. Pure in (today, zone, days): remembered.
const frames = new Map<string, readonly FrameDay[]>();

/** The `days` local days ending with `today`, oldest first, with their first and next-day instants. */
function dayFrame(today: string, timeZone: string, days: number): readonly FrameDay[] {
  const key = `${timeZone}|${today}|${days}`;
  let frame = frames.get(key);
  if (!frame) {
    const list: FrameDay[] = [];
    for (let back = days - 1; back >= 0; back--) {
      const date = addDays(today, -back);
      const dayStart = startOfLocalDay(date, timeZone).getTime();
      list.push({ date, dayStart, dayEnd: startOfLocalDay(addDays(date, 1), timeZone).getTime() });
    }
    if (frames.size >= 1_000) frames.clear();
    frames.set(key, (frame = list));
  }
  return frame;
}

/** Per local day: the worst status and the weighted uptime (docs/architecture.md, "Uptime"). */
export function uptimeDays(input: UptimeInput): UptimeReport {
  const spells = spellsOf(input);
  const created = input.createdAt.getTime();
  const now = input.now.getTime();
  const today = localDate(input.now, input.timeZone);
  const days: UptimeDay[] = [];
  let totalCovered = 0;
  let totalDown = 0;
  for (const { date, dayStart, dayEnd } of dayFrame(today, input.timeZone, input.days)) {
    const from = Math.max(dayStart, created);
    const to = Math.min(dayEnd, now);
    if (dayEnd <= created || from > to) {
      days.push({ date, status: null, uptime: null, major_outage_seconds: 0, partial_outage_seconds: 0 });
      continue;
    }
    let worst: ServiceStatus = 'operational';
    let major = 0;
    let partial = 0;
    let down = 0;
    for (const spell of spells) {
      const overlapFrom = Math.max(spell.from, from);
      const overlapTo = Math.min(spell.to, to);
      // A spell touching an empty window (today at 00:00:00) still names the status at that instant.
      if (overlapTo < overlapFrom || (overlapTo === overlapFrom && from !== to)) continue;
      if (rank[spell.status] > rank[worst]) worst = spell.status;
      const length = overlapTo - overlapFrom;
      if (spell.status === 'major_outage') major += length;
      if (spell.status === 'partial_outage') partial += length;
      down += length * downWeight[spell.status];
    }
    const covered = to - from;
    totalCovered += covered;
    totalDown += down;
    days.push({
      date,
      status: worst,
      uptime: covered === 0 ? 100 : floorPercent(1 - down / covered),
      major_outage_seconds: Math.round(major / 1000),
      partial_outage_seconds: Math.round(partial / 1000),
    });
  }
  const anyData = days.some((day) => day.status !== null);
  return { days, uptime: !anyData ? null : totalCovered === 0 ? 100 : floorPercent(1 - totalDown / totalCovered) };
}
