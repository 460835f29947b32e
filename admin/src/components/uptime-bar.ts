import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ServiceUptime } from '../api-types.ts';
import { serviceStatusLabel } from '../labels.ts';

/**
 * The last days of a service, one bar per day coloured by that day's worst status (grey: no data),
 * with the uptime percentage. Each bar has its day, status and uptime as a tooltip; the whole bar is
 * one image to assistive technology, described by the summary line.
 */
@customElement('uptime-bar')
export class UptimeBar extends LitElement {
  @property({ attribute: false }) accessor uptime: ServiceUptime | null = null;

  static override styles = css`
    :host {
      display: block;
    }
    .bars {
      display: flex;
      gap: 2px;
      height: 2.25rem;
      align-items: stretch;
    }
    .bars span {
      flex: 1;
      min-width: 1px;
      border-radius: 2px;
      background: var(--ok);
    }
    .bars .none {
      background: var(--border);
    }
    .bars .degraded_performance {
      background: var(--minor);
    }
    .bars .partial_outage {
      background: var(--partial);
    }
    .bars .major_outage {
      background: var(--major);
    }
    .bars .under_maintenance {
      background: var(--maint);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0 1rem;
      color: var(--muted);
      font-size: 0.85rem;
      margin-top: 0.25rem;
    }
    /* Phone: the summary gets a line of its own above the two ends. */
    @media (max-width: 40rem) {
      [data-uptime-summary] {
        order: -1;
        flex-basis: 100%;
        text-align: center;
      }
    }
  `;

  override render() {
    const uptime = this.uptime;
    if (!uptime) return nothing;
    const days = uptime.days;
    const span = days.length === 1 ? 'today' : `the last ${days.length} days`;
    const summary =
      uptime.uptime === null
        ? `No data ${days.length === 1 ? 'yet today' : `over ${span}`}`
        : `${formatPercent(uptime.uptime)} uptime over ${span}`;
    return html`<div class="bars" role="img" aria-label=${summary}>
        ${days.map(
          (day) =>
            html`<span
              class=${day.status ?? 'none'}
              data-date=${day.date}
              title="${day.date}: ${day.status ? serviceStatusLabel[day.status] : 'no data'}${
                day.uptime === null ? '' : `, ${formatPercent(day.uptime)} up`
              }"
            ></span>`,
        )}
      </div>
      <div class="legend">
        <span>${days.length} days ago</span><span data-uptime-summary>${summary}</span><span>Today</span>
      </div>`;
  }
}

/** 99.95 → "99.95 %"; 100 → "100 %". */
export function formatPercent(value: number): string {
  return `${Number(value.toFixed(2))} %`;
}

declare global {
  interface HTMLElementTagNameMap {
    'uptime-bar': UptimeBar;
  }
}
