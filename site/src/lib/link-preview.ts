// What a link to a status page shows when pasted into a chat or a social post (Open Graph and the
// browser's theme colour): the org's current status in words, its open incidents, and its logo.
import type { PublicStatus } from '../../../api/src/contract/public-status.ts';
import type { OverallIndicator } from '../../../api/src/contract/status.ts';
import { indicatorLabel } from './labels.ts';

/** The colour of each overall indicator (the same family the badge and the page use). */
export const indicatorThemeColor: Record<OverallIndicator, string> = {
  none: '#1a7f37',
  minor: '#b08800',
  major: '#d1570b',
  critical: '#cf222e',
  maintenance: '#0969da',
};

export interface LinkPreview {
  title: string;
  description: string;
  /** Absolute where the API's public base URL is known (crawlers need it); else relative to the page. */
  image: string | null;
  themeColor: string;
}

/**
 * The preview of an org's status pages. `apiBase` is the API's public origin (null: unknown);
 * `relativeLogo` the logo's path from the page (`./logo.png`), used when no absolute URL can be made.
 */
export function linkPreview(snapshot: PublicStatus, apiBase: string | null, relativeLogo: string | null): LinkPreview {
  const { organization, status, incidents, active_maintenances } = snapshot;
  const words = indicatorLabel[status.indicator];
  const notes = [
    ...incidents.map((incident) => `Incident: ${incident.title}`),
    ...active_maintenances.map((maintenance) => `Maintenance: ${maintenance.title}`),
  ];
  const logo = organization.logo_url;
  const image = !logo
    ? null
    : /^https?:\/\//.test(logo)
      ? logo
      : apiBase
        ? new URL(logo, apiBase).toString()
        : relativeLogo;
  return {
    title: `${organization.name}: ${words}`,
    description: [`${words}.`, ...notes.slice(0, 3).map((note) => `${note}.`)].join(' '),
    image,
    themeColor: indicatorThemeColor[status.indicator],
  };
}
