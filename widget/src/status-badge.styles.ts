import { unsafeCSS } from '@lit/reactive-element';

/**
 * The badge's styles (dot and pill; the lazy card and toast views bring their own). Colours are
 * custom properties (documented on the element) chosen with `light-dark()` by the `theme` attribute:
 * `light`, `dark`, or `auto` (the reader's `prefers-color-scheme`). Only custom properties and
 * `display` sit on the host: a host page's `* { all: unset }` resets every property of the host
 * element except custom ones, so the looks (font, colour, colour scheme) are set on the elements
 * inside the shadow root, out of its reach. Each tone class sets `--_tone` straight from its public
 * property. Plain CSS text wrapped with `unsafeCSS` (it holds no interpolation) rather than `css`,
 * which would bundle the tag's interpolation checks into every dot badge; the build compacts it.
 */
export const statusBadgeStyles = unsafeCSS(/* css */ `
  :host {
    --_scheme: light;
    --_fg: var(--status-badge-fg, light-dark(#1f2328, #e6edf3));
    --_muted: var(--status-badge-muted, light-dark(#57606a, #9da7b3));
    --_bg: var(--status-badge-bg, light-dark(#fff, #161b22));
    --_border: var(--status-badge-border, light-dark(#d0d7de, #30363d));
    --_maintenance: var(--status-badge-maintenance, light-dark(#0969da, #58a6ff));
    display: inline-block;
    vertical-align: middle;
  }
  :host([theme='dark']) {
    --_scheme: dark;
  }
  :host([theme='auto']) {
    --_scheme: light dark;
  }
  :host([hidden]) {
    display: none;
  }
  .view {
    display: contents;
  }
  .badge,
  .card,
  .region {
    color-scheme: var(--_scheme);
    color: var(--_fg);
    font: var(--status-badge-font, 500 14px/1.4 system-ui, sans-serif);
    text-align: start;
  }
  a {
    color: inherit;
    text-decoration: none;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.45em;
    border-radius: var(--status-badge-radius, 999px);
  }
  a.badge:hover .label {
    text-decoration: underline;
  }
  a:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_maintenance);
    outline-offset: 2px;
  }
  .pill {
    padding: 0.2em 0.75em 0.2em 0.6em;
    background: var(--_bg);
    border: 1px solid var(--_border);
  }
  .dot {
    flex: none;
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    background: var(--_tone);
  }
  .ok {
    --_tone: var(--status-badge-operational, light-dark(#1a7f37, #3fb950));
  }
  .minor {
    --_tone: var(--status-badge-degraded, light-dark(#b08800, #d29922));
  }
  .major {
    --_tone: var(--status-badge-partial, light-dark(#d1570b, #f0883e));
  }
  .critical {
    --_tone: var(--status-badge-major, light-dark(#cf222e, #f85149));
  }
  .maintenance {
    --_tone: var(--_maintenance);
  }
  .neutral,
  :host([stale]) .dot {
    --_tone: var(--status-badge-unknown, #8c959f);
  }
  .connecting .dot,
  :host([stale]) .dot {
    animation: pulse 1.6s ease-in-out infinite;
  }
  .stale {
    color: var(--_muted);
    font-weight: 400;
  }
  @keyframes pulse {
    50% {
      opacity: 0.35;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
    }
  }
`);
