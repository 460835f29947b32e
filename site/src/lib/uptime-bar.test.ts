import { describe, expect, it } from 'vitest';
import type { UptimeReport } from '../../../api/src/contract/uptime-report.ts';
import { uptimeBar } from './uptime-bar.ts';

const day = (
  date: string,
  status: UptimeReport['days'][number]['status'],
  uptime: number | null,
  major = 0,
  partial = 0,
) => ({
  date,
  status,
  uptime,
  major_outage_seconds: major,
  partial_outage_seconds: partial,
});

describe('uptimeBar', () => {
  it('gives each day a tone and a sentence that says the same without colour', () => {
    const bar = uptimeBar({
      uptime: 98.61,
      days: [
        day('2025-01-01', null, null),
        day('2025-01-02', 'operational', 100),
        day('2025-01-03', 'major_outage', 95.83, 3600),
        day('2025-01-04', 'partial_outage', 99.37, 0, 3 * 3600 + 600),
        day('2025-01-05', 'under_maintenance', 100),
        day('2025-01-06', 'degraded_performance', 100),
      ],
    });
    expect(bar.days.map((d) => d.tone)).toEqual(['nodata', 'ok', 'critical', 'major', 'maintenance', 'minor']);
    expect(bar.days[0]!.text).toBe('Jan 1, 2025: no data');
    expect(bar.days[2]!.text).toBe('Jan 3, 2025: Major outage, major outage for 1 h, 95.83% uptime');
    expect(bar.days[3]!.text).toBe('Jan 4, 2025: Partial outage, partial outage for 3 h 10 min, 99.37% uptime');
    expect(bar.uptimeText).toBe('98.61% uptime');
    expect(bar.summary).toBe('2 days with outages, 1 day degraded, 1 day with maintenance in the last 6 days');
  });

  it('says so when every day with data was fine, or when there is no data', () => {
    expect(
      uptimeBar({ uptime: 100, days: [day('2025-01-01', null, null), day('2025-01-02', 'operational', 100)] }).summary,
    ).toBe('Operational on all 1 day with data');
    const empty = uptimeBar(undefined);
    expect(empty).toEqual({ days: [], uptimeText: 'No data yet', summary: 'No data yet' });
  });
});
