import { html, nothing, render as renderInto } from 'lit-html';
import type { BadgeView, StatusBadge, ViewKit } from './status-badge.ts';

// The toast variant, loaded only by pages that use it: nothing while all is well; a dismissible
// notice in a corner of the page while an incident is open or a maintenance is in progress.

interface Notice {
  key: string;
  title: string;
  message: string;
  href: string;
  tone: string;
}

const dismissedPrefix = 'lantern.status-badge.dismissed:';

function isDismissed(key: string): boolean {
  try {
    return localStorage.getItem(dismissedPrefix + key) !== null;
  } catch {
    return false; // storage blocked (privacy settings, sandboxed frame): show it
  }
}

function rememberDismissal(key: string): void {
  try {
    localStorage.setItem(dismissedPrefix + key, new Date().toISOString());
  } catch {
    // Without storage the dismissal holds until the page reloads.
  }
}

const impactTone: Record<string, string> = { none: 'neutral', minor: 'minor', major: 'major', critical: 'critical' };

/** The newest open incident, else the maintenance in progress, that this reader has not dismissed. */
function currentNotice(badge: StatusBadge, view: BadgeView): Notice | null {
  const status = view.status;
  if (!status) return null;
  const page = badge.pageHref;
  const relevant = (ids: string[]) =>
    !badge.service || ids.some((id) => status.services.some((s) => s.id === id && s.slug === badge.service));
  const notices: Notice[] = [
    ...status.incidents
      .filter((incident) => relevant(incident.services.map((s) => s.service_id)))
      .map((incident) => ({
        key: `${badge.org}:incident:${incident.id}`,
        title: incident.title,
        message: incident.updates[0]?.message ?? '',
        href: `${page}incidents/${encodeURIComponent(incident.id)}/`,
        tone: impactTone[incident.impact] ?? 'major',
      })),
    ...status.active_maintenances
      .filter((m) => relevant((m.services ?? []).map((s) => s.service_id)))
      .map((maintenance) => ({
        key: `${badge.org}:maintenance:${maintenance.id}`,
        title: maintenance.title,
        message: maintenance.updates[0]?.message || maintenance.description,
        href: `${page}maintenances/${encodeURIComponent(maintenance.id)}/`,
        tone: 'maintenance',
      })),
  ];
  return notices.find((notice) => !isDismissed(notice.key)) ?? null;
}

/** The toast: an always-present polite live region, holding the notice while there is one. */
export function render(badge: StatusBadge, view: BadgeView, _kit: ViewKit, container: HTMLElement): void {
  const notice = currentNotice(badge, view);
  const dismiss = () => {
    if (notice) rememberDismissal(notice.key);
    badge.requestUpdate();
  };
  const toast = html`<div class="region" role="status" aria-live="polite">
    ${
      notice
        ? html`<div part="base toast" class="toast ${notice.tone}">
            <span class="dot" aria-hidden="true"></span>
            <div class="text">
              <a part="link" class="title" href=${notice.href}>${notice.title}</a>
              ${notice.message ? html`<p class="message">${notice.message}</p>` : nothing}
              ${badge.stale ? html`<p class="stale">This may be out of date.</p>` : nothing}
            </div>
            <button part="dismiss" class="dismiss" type="button" aria-label="Dismiss notice" @click=${dismiss}>
              ×
            </button>
          </div>`
        : nothing
    }
  </div>`;
  renderInto(toast, container, { host: badge });
}

// Plain CSS text: the element adopts it (see VariantView); compacted by the build like css``.
export const styles = /* css */ `
  .toast {
    position: fixed;
    z-index: 2147483000;
    inset-block-end: var(--status-badge-toast-offset, 1rem);
    inset-inline-end: var(--status-badge-toast-offset, 1rem);
    display: flex;
    align-items: flex-start;
    gap: 0.6rem;
    width: min(24rem, calc(100vw - 2rem));
    padding: 0.75rem 0.75rem 0.75rem 1rem;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_tone);
    border-radius: 8px;
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
    animation: slide-in 0.3s ease-out;
  }
  .dot {
    margin-top: 0.35em;
  }
  .text {
    flex: 1;
    min-width: 0;
  }
  .title {
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 2px;
    border-radius: 2px;
    overflow-wrap: anywhere;
  }
  .message {
    margin: 0.25rem 0 0;
    font-weight: 400;
    overflow-wrap: anywhere;
  }
  .dismiss {
    flex: none;
    width: 1.75rem;
    height: 1.75rem;
    border: 0;
    border-radius: 4px;
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 1.25rem;
    line-height: 1;
    cursor: pointer;
  }
  .dismiss:hover {
    background: var(--_border);
  }
  @keyframes slide-in {
    from {
      transform: translateY(1.5rem);
      opacity: 0;
    }
  }
`;
