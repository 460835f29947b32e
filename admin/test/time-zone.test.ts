import { describe, expect, it } from 'vitest';
import { isoToZoned, zonedToIso } from '../src/time-zone.ts';

describe('wall-clock times in the org zone', () => {
  it('reads a datetime-local value on the named zone, across DST', () => {
    expect(zonedToIso('2030-01-15T09:30', 'Europe/Berlin')).toBe('2030-01-15T08:30:00.000Z');
    expect(zonedToIso('2030-07-15T09:30', 'Europe/Berlin')).toBe('2030-07-15T07:30:00.000Z');
    expect(zonedToIso('2030-07-15T09:30', 'America/New_York')).toBe('2030-07-15T13:30:00.000Z');
    expect(zonedToIso('2030-07-15T09:30', 'UTC')).toBe('2030-07-15T09:30:00.000Z');
    expect(zonedToIso('not a time', 'UTC')).toBeNull();
  });

  it('writes an instant back on that zone clock', () => {
    expect(isoToZoned('2030-07-15T07:30:00.000Z', 'Europe/Berlin')).toBe('2030-07-15T09:30');
    expect(isoToZoned('2030-01-01T02:00:00.000Z', 'Asia/Kolkata')).toBe('2030-01-01T07:30');
  });
});
