import { describe, expect, it } from 'vitest';
import { slugify } from './slug.ts';

describe('slugify', () => {
  it.each([
    ['API Gateway – EU', 'api-gateway-eu'],
    ['Zürich Café', 'zurich-cafe'],
    ['  --Web--  ', 'web'],
    ['日本語', 'service'],
    ['a'.repeat(70), 'a'.repeat(64)],
    [`${'a'.repeat(63)} b`, 'a'.repeat(63)],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
