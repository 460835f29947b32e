import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatDuration, formatMonth, formatRelative } from './format-time.ts';

describe('format-time', () => {
  it('formats in the org zone and names the zone', () => {
    expect(formatDateTime('2025-01-05T13:03:00Z', 'Europe/Berlin')).toBe('Jan 5, 2025, 14:03 GMT+1');
    expect(formatDateTime('2025-07-05T13:03:00Z', 'Europe/Berlin')).toBe('Jul 5, 2025, 15:03 GMT+2');
    expect(formatDateTime('2025-01-05T13:03:00Z', 'America/New_York')).toBe('Jan 5, 2025, 08:03 EST');
    expect(formatDateTime('2025-01-05T13:03:00Z', 'UTC')).toBe('Jan 5, 2025, 13:03 UTC');
  });

  it('formats calendar days and months as they are (no zone shift)', () => {
    expect(formatDay('2025-03-01')).toBe('Mar 1, 2025');
    expect(formatMonth('2025-12')).toBe('December 2025');
  });

  it('says relative times in words', () => {
    const now = new Date('2025-01-05T12:00:00Z');
    expect(formatRelative('2025-01-05T11:59:30Z', now)).toBe('just now');
    expect(formatRelative('2025-01-05T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2025-01-05T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative('2025-01-04T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelative('2025-01-07T12:00:00Z', now)).toBe('in 2 days');
  });

  it('says durations in hours and minutes', () => {
    expect(formatDuration(30)).toBe('30 s');
    expect(formatDuration(45 * 60)).toBe('45 min');
    expect(formatDuration(2 * 3600 + 5 * 60)).toBe('2 h 5 min');
    expect(formatDuration(3 * 3600)).toBe('3 h');
  });
});
