import { html, type TemplateResult } from 'lit';
import './copy-button.ts';

/** A link shown once (an invitation's accept link, an API key's secret): read-only, selectable, copyable. */
export const secretBox = (label: string, value: string, copyLabel: string): TemplateResult =>
  html`<div class="secret">
    <label
      >${label}
      <input readonly .value=${value} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
    </label>
    <copy-button .text=${value} label=${copyLabel}></copy-button>
  </div>`;
