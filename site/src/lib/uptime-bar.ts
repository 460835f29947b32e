import type { UptimeDay, UptimeReport } from '../../../api/src/contract/uptime-report.ts';
import { formatDay, formatDuration } from './format-time.ts';
import { serviceStatusLabel, serviceTone, type Tone } from './labels.ts';

/** One day's bar: its tone (colour class) and the words that say the same thing. */
export interface UptimeBarDay {
  date: string;
  tone: Tone | 'nodata';
  /** Full sentence for screen readers and the tooltip. */
  text: string;
}

/** A service's 90-day bar as the page draws it. */
export interface UptimeBar {
  days: UptimeBarDay[];
  /** `99.95% uptime` or `No data yet`. */
  uptimeText: string;
  /** `All 90 days operational` or `2 days with outages, 1 with degraded performance`. */
  summary: string;
}

function dayText(day: UptimeDay): string {
  const when = formatDay(day.date);
  if (day.status === null || day.uptime === null) return `${when}: no data`;
  const parts = [`${when}: ${serviceStatusLabel[day.status]}`];
  if (day.major_outage_seconds) parts.push(`major outage for ${formatDuration(day.major_outage_seconds)}`);
  if (day.partial_outage_seconds) parts.push(`partial outage for ${formatDuration(day.partial_outage_seconds)}`);
  parts.push(`${day.uptime}% uptime`);
  return parts.join(', ');
}

/** One day's cell: its tone and its sentence (the page's render and the live module both use it). */
export function uptimeBarDay(day: UptimeDay): UptimeBarDay {
  return { date: day.date, tone: day.status === null ? 'nodata' : serviceTone[day.status], text: dayText(day) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Turns an uptime report into the bar: one entry per day, oldest first, plus the summaries. */
export function uptimeBar(report: UptimeReport | undefined): UptimeBar {
  const days = report?.days ?? [];
  const counted = days.filter((d) => d.status !== null);
  const outages = counted.filter((d) => d.status === 'major_outage' || d.status === 'partial_outage').length;
  const degraded = counted.filter((d) => d.status === 'degraded_performance').length;
  const maintenance = counted.filter((d) => d.status === 'under_maintenance').length;
  const issues = [
    outages ? `${plural(outages, 'day')} with outages` : '',
    degraded ? `${plural(degraded, 'day')} degraded` : '',
    maintenance ? `${plural(maintenance, 'day')} with maintenance` : '',
  ].filter(Boolean);
  return {
    days: days.map(uptimeBarDay),
    uptimeText: report?.uptime === null || report === undefined ? 'No data yet' : `${report.uptime}% uptime`,
    summary:
      counted.length === 0
        ? 'No data yet'
        : issues.length
          ? `${issues.join(', ')} in the last ${plural(days.length, 'day')}`
          : `Operational on all ${plural(counted.length, 'day')} with data`,
  };
}
