import { describe, expect, it } from 'vitest';
import { changeToday, todayAt, todayCell, type TodaySoFar } from './uptime-today.ts';

const hour = 3_600_000;
const midnight = Date.parse('2025-01-03T00:00:00Z');
// Rendered at 06:00, operational all morning.
const rendered: TodaySoFar = {
  day: { date: '2025-01-03', status: 'operational', uptime: 100, major_outage_seconds: 0, partial_outage_seconds: 0 },
  countedFrom: midnight,
  status: 'operational',
  since: midnight + 6 * hour,
};

describe("today's uptime cell on an open page", () => {
  it('stays as rendered while nothing changes', () => {
    expect(todayAt(rendered, midnight + 8 * hour)).toEqual(rendered.day);
    expect(todayCell(rendered, midnight + 8 * hour)).toEqual({
      date: '2025-01-03',
      tone: 'ok',
      text: 'Jan 3, 2025: Operational, 100% uptime',
    });
  });

  it('turns into a major outage day, counting the outage as the server does', () => {
    const down = changeToday(rendered, 'major_outage', midnight + 6 * hour);
    // 08:00: two of eight counted hours down.
    expect(todayAt(down, midnight + 8 * hour)).toEqual({
      date: '2025-01-03',
      status: 'major_outage',
      uptime: 75,
      major_outage_seconds: 7200,
      partial_outage_seconds: 0,
    });
    expect(todayCell(down, midnight + 8 * hour)).toEqual({
      date: '2025-01-03',
      tone: 'critical',
      text: 'Jan 3, 2025: Major outage, major outage for 2 h, 75% uptime',
    });
  });

  it('keeps the worst status of the day after recovery, and weighs a partial outage at 30 %', () => {
    let today = changeToday(rendered, 'partial_outage', midnight + 6 * hour);
    today = changeToday(today, 'major_outage', midnight + 7 * hour);
    today = changeToday(today, 'operational', midnight + 8 * hour);
    // 10:00: 1 h partial (0.3 h down) + 1 h major of 10 h → 87 %.
    expect(todayAt(today, midnight + 10 * hour)).toEqual({
      date: '2025-01-03',
      status: 'major_outage',
      uptime: 87,
      major_outage_seconds: 3600,
      partial_outage_seconds: 3600,
    });
  });

  it('adds to what the server had already counted, and ignores a repeat of the same status', () => {
    const partial: TodaySoFar = {
      ...rendered,
      day: { ...rendered.day, status: 'partial_outage', uptime: 95, partial_outage_seconds: 3600 },
      status: 'partial_outage',
    };
    expect(changeToday(partial, 'partial_outage', midnight + 7 * hour)).toBe(partial);
    // 08:00: 1 h before the render and 2 h since, at 30 % → 0.9 h down of 8 h.
    expect(todayAt(partial, midnight + 8 * hour)).toMatchObject({
      status: 'partial_outage',
      uptime: 88.75,
      partial_outage_seconds: 3 * 3600,
    });
  });
});
