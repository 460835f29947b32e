import { describe, expect, it } from 'vitest';
import { addDays, isValidTimeZone, localDate, startOfLocalDay } from './zoned-days.ts';

describe('startOfLocalDay', () => {
  it.each([
    ['UTC', '2024-05-10', '2024-05-10T00:00:00.000Z'],
    ['Asia/Tokyo', '2024-03-11', '2024-03-10T15:00:00.000Z'],
    ['Asia/Kolkata', '2024-03-11', '2024-03-10T18:30:00.000Z'],
    ['Pacific/Kiritimati', '2024-01-01', '2023-12-31T10:00:00.000Z'],
    ['America/Los_Angeles', '2024-01-15', '2024-01-15T08:00:00.000Z'],
    // The day clocks spring forward (23 h) and the day after it.
    ['America/New_York', '2024-03-10', '2024-03-10T05:00:00.000Z'],
    ['America/New_York', '2024-03-11', '2024-03-11T04:00:00.000Z'],
    // The day clocks fall back (25 h) and the day after it.
    ['America/New_York', '2024-11-03', '2024-11-03T04:00:00.000Z'],
    ['America/New_York', '2024-11-04', '2024-11-04T05:00:00.000Z'],
    ['Europe/Berlin', '2024-03-31', '2024-03-30T23:00:00.000Z'],
    ['Europe/Berlin', '2024-04-01', '2024-03-31T22:00:00.000Z'],
    ['Australia/Sydney', '2024-10-06', '2024-10-05T14:00:00.000Z'],
    ['Australia/Sydney', '2024-04-07', '2024-04-06T13:00:00.000Z'],
    // Chile springs forward at midnight: 00:00 never happens, the day starts at 01:00 -03.
    ['America/Santiago', '2024-09-08', '2024-09-08T04:00:00.000Z'],
  ])('%s %s starts at %s', (zone, date, expected) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(expected);
  });

  it.each([
    'UTC',
    'Asia/Tokyo',
    'America/New_York',
    'America/Santiago',
    'Australia/Sydney',
    'Europe/London',
    'Asia/Kathmandu',
  ])('is the first instant of the local day for every day of 2024 in %s', (zone) => {
    for (let i = 0; i < 366; i++) {
      const date = addDays('2024-01-01', i);
      const start = startOfLocalDay(date, zone);
      expect(localDate(start, zone)).toBe(date);
      expect(localDate(new Date(start.getTime() - 1), zone)).toBe(addDays(date, -1));
    }
  });
});

describe('localDate and addDays', () => {
  it('names the local calendar day of an instant', () => {
    expect(localDate(new Date('2024-03-10T14:30:00Z'), 'Asia/Tokyo')).toBe('2024-03-10');
    expect(localDate(new Date('2024-03-10T15:00:00Z'), 'Asia/Tokyo')).toBe('2024-03-11');
    expect(localDate(new Date('2024-01-15T07:59:59Z'), 'America/Los_Angeles')).toBe('2024-01-14');
  });

  it('moves across month and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
  });

  it('knows real zones from made-up ones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
