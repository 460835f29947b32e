import type { OverallIndicator, ServiceStatus } from '../../contract/status.ts';
import { xmlText } from './xml-text.ts';

const indicatorBadge: Record<OverallIndicator, [string, string]> = {
  none: ['operational', '#15803d'],
  minor: ['degraded', '#a16207'],
  major: ['partial outage', '#c2410c'],
  critical: ['major outage', '#b91c1c'],
  maintenance: ['maintenance', '#1d4ed8'],
};

const serviceBadge: Record<ServiceStatus, [string, string]> = {
  operational: ['operational', '#15803d'],
  degraded_performance: ['degraded', '#a16207'],
  partial_outage: ['partial outage', '#c2410c'],
  major_outage: ['major outage', '#b91c1c'],
  under_maintenance: ['maintenance', '#1d4ed8'],
};

// Verdana 11px averages about 6.5 px a character; shields.io measures, this estimate is close enough.
const widthOf = (text: string) => Math.round([...text].length * 6.5 + 12);

/** A shields-style badge: `label | value`, the value on its status colour (the text says it too). */
export function badgeSvg(label: string, value: string, colour: string): string {
  const left = widthOf(label);
  const right = widthOf(value);
  const total = left + right;
  const title = xmlText(`${label}: ${value}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${title}">
  <title>${title}</title>
  <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
  <clipPath id="r"><rect width="${total}" height="20" rx="3" fill="#fff"/></clipPath>
  <g clip-path="url(#r)">
    <rect width="${left}" height="20" fill="#555"/>
    <rect x="${left}" width="${right}" height="20" fill="${colour}"/>
    <rect width="${total}" height="20" fill="url(#s)"/>
  </g>
  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
    <text x="${left / 2}" y="14">${xmlText(label)}</text>
    <text x="${left + right / 2}" y="14">${xmlText(value)}</text>
  </g>
</svg>
`;
}

/** The org's overall badge (`badge.svg`). */
export function overallBadge(indicator: OverallIndicator): string {
  const [value, colour] = indicatorBadge[indicator];
  return badgeSvg('status', value, colour);
}

/** One service's badge (`services/<slug>/badge.svg`), labelled with the service's name. */
export function serviceBadgeSvg(name: string, status: ServiceStatus): string {
  const [value, colour] = serviceBadge[status];
  return badgeSvg(name.length > 40 ? `${[...name].slice(0, 39).join('')}…` : name, value, colour);
}
