import type { BadgeView } from './status-badge.ts';

// The dot and the pill as plain DOM, kept up to date in place: a dot or pill badge needs no template
// engine, so lit-html comes only with the lazy card and toast views (see the README's size budget).

const staleWords = ' (may be out of date)';

function element(tag: string, attributes: Record<string, string>): HTMLElement {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  return created;
}

/**
 * The badge: a link with a dot and the status in words (a span for an unknown org: there is no page
 * to link to). Updates `current` in place and returns it, or returns a new element when the kind of
 * box changes. The label is a polite live region; its text is only touched when the words change, so
 * a screen reader announces changes and nothing else.
 */
export function paintBadge(
  current: HTMLElement | undefined,
  view: BadgeView,
  shape: 'dot' | 'pill',
  stale: boolean,
  href: string,
): HTMLElement {
  const tag = view.kind === 'unknown-org' ? 'span' : 'a';
  let badge = current;
  if (badge?.localName !== tag) {
    badge = element(tag, { part: tag === 'a' ? 'base link' : 'base' });
    badge.append(
      element('span', { part: 'dot', class: 'dot', 'aria-hidden': 'true' }),
      element('span', { part: 'label', class: 'label', role: 'status', 'aria-live': 'polite' }),
    );
  }
  // Only the pill has a shape class: `.dot` is the coloured circle inside every badge.
  badge.className = `badge ${shape === 'pill' ? 'pill' : ''} ${view.tone} ${view.kind === 'connecting' ? 'connecting' : ''}`;
  if (tag === 'a') badge.setAttribute('href', href);
  const label = badge.lastChild as HTMLElement;
  if (label.textContent !== view.label + (stale ? staleWords : '')) {
    label.textContent = view.label;
    if (stale) label.append(element('span', { class: 'stale' }));
    if (stale) label.lastChild!.textContent = staleWords;
  }
  return badge;
}
