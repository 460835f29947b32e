import { describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../contract/status.ts';
import { uptimeDays, type UptimeInput } from './uptime-days.ts';

// Every expected number below is worked out by hand in the comment beside it.

const at = (iso: string) => new Date(iso);
const change = (iso: string, status: ServiceStatus) => ({ at: at(iso), status });

function report(input: Partial<UptimeInput> & Pick<UptimeInput, 'now' | 'days'>) {
  return uptimeDays({ timeZone: 'UTC', createdAt: at('2024-01-01T00:00:00Z'), changes: [], ...input });
}

/** [date, status, uptime] of each day. */
function summary(input: Partial<UptimeInput> & Pick<UptimeInput, 'now' | 'days'>) {
  return report(input).days.map((day) => [day.date, day.status, day.uptime]);
}

describe('uptimeDays in UTC', () => {
  const now = at('2024-05-10T12:00:00Z');

  it('weights a major minute as down and a partial minute as 30 % down; today counts up to now', () => {
    const result = report({
      now,
      days: 3,
      changes: [
        change('2024-05-08T01:00:00Z', 'major_outage'), // 1 h of 24 down: 95.833 → 95.83
        change('2024-05-08T02:00:00Z', 'operational'),
        change('2024-05-09T06:00:00Z', 'partial_outage'), // 6 h × 0.3 = 1.8 h of 24: 92.5
        change('2024-05-09T12:00:00Z', 'operational'),
        change('2024-05-10T03:00:00Z', 'major_outage'), // 3 h of the 12 h so far: 75
        change('2024-05-10T06:00:00Z', 'operational'),
      ],
    });
    expect(result.days).toEqual([
      {
        date: '2024-05-08',
        status: 'major_outage',
        uptime: 95.83,
        major_outage_seconds: 3600,
        partial_outage_seconds: 0,
      },
      {
        date: '2024-05-09',
        status: 'partial_outage',
        uptime: 92.5,
        major_outage_seconds: 0,
        partial_outage_seconds: 21600,
      },
      {
        date: '2024-05-10',
        status: 'major_outage',
        uptime: 75,
        major_outage_seconds: 10800,
        partial_outage_seconds: 0,
      },
    ]);
    // (1 + 1.8 + 3) h down of 60 h: 90.333 → 90.33
    expect(result.uptime).toBe(90.33);
  });

  it('splits a spell that spans midnight between the two days', () => {
    expect(
      summary({
        now,
        days: 3,
        changes: [change('2024-05-08T23:00:00Z', 'major_outage'), change('2024-05-09T01:00:00Z', 'operational')],
      }),
    ).toEqual([
      ['2024-05-08', 'major_outage', 95.83],
      ['2024-05-09', 'major_outage', 95.83],
      ['2024-05-10', 'operational', 100],
    ]);
  });

  it('leaves a day alone when a spell ends exactly at its midnight', () => {
    expect(
      summary({
        now,
        days: 2,
        changes: [change('2024-05-08T22:00:00Z', 'major_outage'), change('2024-05-09T00:00:00Z', 'operational')],
      }),
    ).toEqual([
      ['2024-05-09', 'operational', 100],
      ['2024-05-10', 'operational', 100],
    ]);
  });

  it('counts the creation day from the creation instant and shows no data before it', () => {
    const result = summary({
      now,
      days: 3,
      createdAt: at('2024-05-09T12:00:00Z'),
      // 3 h of the 12 h the service existed that day: 75
      changes: [change('2024-05-09T18:00:00Z', 'major_outage'), change('2024-05-09T21:00:00Z', 'operational')],
    });
    expect(result).toEqual([
      ['2024-05-08', null, null],
      ['2024-05-09', 'major_outage', 75],
      ['2024-05-10', 'operational', 100],
    ]);
  });

  it('takes the first status from the last change before the window', () => {
    expect(
      summary({
        now,
        days: 2,
        changes: [change('2024-05-08T20:00:00Z', 'major_outage'), change('2024-05-09T06:00:00Z', 'operational')],
      }),
    ).toEqual([
      ['2024-05-09', 'major_outage', 75], // 6 h of 24
      ['2024-05-10', 'operational', 100],
    ]);
  });

  it('counts degraded performance and maintenance as up, but shows them as the worst status', () => {
    const result = summary({
      now,
      days: 2,
      changes: [
        change('2024-05-09T00:00:00Z', 'degraded_performance'),
        change('2024-05-09T12:00:00Z', 'under_maintenance'),
        change('2024-05-09T14:00:00Z', 'operational'),
        change('2024-05-10T01:00:00Z', 'under_maintenance'),
        change('2024-05-10T02:00:00Z', 'operational'),
      ],
    });
    expect(result).toEqual([
      ['2024-05-09', 'degraded_performance', 100],
      ['2024-05-10', 'under_maintenance', 100],
    ]);
  });

  it('never rounds a short outage up to 100 %', () => {
    // 1 s of 86,400: 99.9988 → 99.99
    const result = summary({
      now,
      days: 2,
      changes: [change('2024-05-09T10:00:00Z', 'major_outage'), change('2024-05-09T10:00:01Z', 'operational')],
    });
    expect(result[0]).toEqual(['2024-05-09', 'major_outage', 99.99]);
  });
});

describe('uptimeDays across time zones', () => {
  // Major 14:00–16:00 UTC on 10 March = 23:00–01:00 in Tokyo (+9).
  const tokyoOutage = [change('2024-03-10T14:00:00Z', 'major_outage'), change('2024-03-10T16:00:00Z', 'operational')];
  const tokyoNow = at('2024-03-12T03:00:00Z'); // 12:00 on 12 March in Tokyo

  it('splits the outage at Tokyo midnight east of UTC', () => {
    expect(summary({ now: tokyoNow, days: 3, timeZone: 'Asia/Tokyo', changes: tokyoOutage })).toEqual([
      ['2024-03-10', 'major_outage', 95.83],
      ['2024-03-11', 'major_outage', 95.83],
      ['2024-03-12', 'operational', 100],
    ]);
  });

  it('keeps the same outage within one UTC day', () => {
    expect(summary({ now: tokyoNow, days: 3, timeZone: 'UTC', changes: tokyoOutage })).toEqual([
      ['2024-03-10', 'major_outage', 91.66], // 2 h of 24: 91.666 → 91.66
      ['2024-03-11', 'operational', 100],
      ['2024-03-12', 'operational', 100],
    ]);
  });

  it('splits a partial outage at Los Angeles midnight west of UTC', () => {
    // Partial 06:00–09:00 UTC on 15 January = 22:00–01:00 PST (-8).
    const result = summary({
      now: at('2024-01-16T20:00:00Z'),
      days: 3,
      timeZone: 'America/Los_Angeles',
      changes: [change('2024-01-15T06:00:00Z', 'partial_outage'), change('2024-01-15T09:00:00Z', 'operational')],
    });
    expect(result).toEqual([
      ['2024-01-14', 'partial_outage', 97.5], // 2 h × 0.3 of 24
      ['2024-01-15', 'partial_outage', 98.75], // 1 h × 0.3 of 24
      ['2024-01-16', 'operational', 100],
    ]);
  });

  it('divides by 23 hours on the day New York springs forward', () => {
    const result = summary({
      now: at('2024-03-11T16:00:00Z'),
      days: 2,
      timeZone: 'America/New_York',
      changes: [change('2024-03-10T12:00:00Z', 'major_outage'), change('2024-03-10T13:00:00Z', 'operational')],
    });
    expect(result).toEqual([
      ['2024-03-10', 'major_outage', 95.65], // 1 − 1/23 = 95.652
      ['2024-03-11', 'operational', 100],
    ]);
  });

  it('counts all 25 hours of the day New York falls back', () => {
    const result = report({
      now: at('2024-11-04T17:00:00Z'),
      days: 2,
      timeZone: 'America/New_York',
      changes: [change('2024-11-03T04:00:00Z', 'major_outage'), change('2024-11-04T05:00:00Z', 'operational')],
    });
    expect(result.days[0]).toEqual({
      date: '2024-11-03',
      status: 'major_outage',
      uptime: 0,
      major_outage_seconds: 90_000,
      partial_outage_seconds: 0,
    });
    expect(result.days[1]).toMatchObject({ date: '2024-11-04', status: 'operational', uptime: 100 });
    // 25 h down of 25 + 12 h: 32.432 → 32.43
    expect(result.uptime).toBe(32.43);
  });

  it('divides by 23 hours on the day Berlin springs forward', () => {
    const result = summary({
      now: at('2024-04-01T10:00:00Z'),
      days: 2,
      timeZone: 'Europe/Berlin',
      changes: [change('2024-03-31T08:00:00Z', 'partial_outage'), change('2024-03-31T09:00:00Z', 'operational')],
    });
    expect(result[0]).toEqual(['2024-03-31', 'partial_outage', 98.69]); // 1 − 0.3/23 = 98.695
  });
});
