import { describe, expect, it } from 'vitest';
import { displayPosition, instant, maxPosition } from './fields.ts';

describe('shared wire fields', () => {
  it('accepts instants of the years a status page means, with any UTC offset', () => {
    for (const value of ['1970-01-01T00:00:00Z', '2026-12-04T09:30:00.123+01:00', '2199-12-31T23:59:59Z']) {
      expect(instant.safeParse(value).success, value).toBe(true);
    }
  });

  it('refuses years PostgreSQL and JavaScript would not keep as written, and instants without an offset', () => {
    for (const value of [
      '0001-01-01T00:00:00Z',
      '0099-12-31T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '2200-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2026-12-04T09:30:00',
    ]) {
      expect(instant.safeParse(value).success, value).toBe(false);
    }
  });

  it('bounds display positions', () => {
    expect(displayPosition.safeParse(maxPosition).success).toBe(true);
    expect(displayPosition.safeParse(maxPosition + 1).success).toBe(false);
    expect(displayPosition.safeParse(-1).success).toBe(false);
  });
});
