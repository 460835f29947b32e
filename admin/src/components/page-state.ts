import { html, type TemplateResult } from 'lit';

// The three states every screen that loads data shows in the same words and roles.

/** Loading: announced politely, once. */
export const loading = (what: string): TemplateResult =>
  html`<p class="muted" role="status" aria-live="polite">Loading ${what}…</p>`;

/** An error with a way to try again. */
export const failed = (error: unknown, retry: () => void): TemplateResult =>
  html`<div class="card" role="alert">
    <p class="error">${error instanceof Error ? error.message : String(error)}</p>
    <button class="secondary" @click=${retry}>Try again</button>
  </div>`;

/** Nothing to show yet, with what to do about it. */
export const empty = (message: string, action?: TemplateResult): TemplateResult =>
  html`<div class="card">
    <p class="muted">${message}</p>
    ${action ?? ''}
  </div>`;
