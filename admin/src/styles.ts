import { css } from 'lit';

/** Shared look of every screen: the colours come from index.html's custom properties (light and dark). */
export const baseStyles = css`
  :host {
    display: block;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1 {
    font-size: 1.5rem;
    line-height: 1.25;
    margin: 0 0 1rem;
  }
  h2 {
    font-size: 1.125rem;
    margin: 1.5rem 0 0.5rem;
  }
  a {
    color: var(--accent);
  }
  :focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  .card {
    background: var(--surface);
    border: 1px solid var(--border);
    border-radius: 10px;
    padding: 1rem;
  }
  .narrow {
    max-width: 26rem;
    margin: 2rem auto;
  }
  form {
    display: grid;
    gap: 0.9rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  input,
  select,
  textarea,
  button {
    font: inherit;
    color: inherit;
  }
  input,
  select,
  textarea {
    background: var(--bg);
    border: 1px solid var(--border);
    border-radius: 6px;
    padding: 0.5rem 0.6rem;
    font-weight: 400;
    width: 100%;
  }
  textarea {
    min-height: 5rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--danger);
  }
  .field-error,
  .error {
    color: var(--danger);
    font-weight: 400;
  }
  .hint,
  .muted {
    color: var(--muted);
    font-weight: 400;
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4rem;
    border: 1px solid var(--accent);
    background: var(--accent);
    color: var(--accent-text);
    border-radius: 6px;
    padding: 0.5rem 0.9rem;
    font-weight: 600;
    cursor: pointer;
    text-decoration: none;
    min-height: 2.5rem;
  }
  button.secondary,
  .button.secondary {
    background: transparent;
    color: var(--accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .spread h1 {
    margin: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .spread {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    margin-bottom: 1rem;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .preview {
    border: 1px dashed var(--border);
    border-radius: 6px;
    padding: 0.5rem 0.75rem;
    display: grid;
    gap: 0.25rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
