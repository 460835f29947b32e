import { describe, expect, it } from 'vitest';
import { serviceStatuses, overallIndicators } from '../../../api/src/contract/status.ts';
import { indicatorLabel, indicatorTone, serviceStatusLabel, serviceTone, toneIcon } from './labels.ts';

describe('labels', () => {
  it('names every status and indicator in words', () => {
    for (const status of serviceStatuses) expect(serviceStatusLabel[status]).toMatch(/^[A-Z]/);
    for (const indicator of overallIndicators) expect(indicatorLabel[indicator]).toMatch(/^[A-Z]/);
  });

  it('draws a different icon for every tone a service can show (status is never colour alone)', () => {
    const icons = serviceStatuses.map((s) => toneIcon[serviceTone[s]]);
    expect(new Set(icons).size).toBe(serviceStatuses.length);
    for (const indicator of overallIndicators)
      expect(toneIcon[indicatorTone[indicator]]).toContain('aria-hidden="true"');
  });
});
