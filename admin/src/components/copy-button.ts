import { LitElement, html } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { baseStyles } from '../styles.ts';

/**
 * A button that copies `text` to the clipboard and says so (politely announced). Where the clipboard
 * is refused, it says to copy by hand: the text is always shown next to it.
 */
@customElement('copy-button')
export class CopyButton extends LitElement {
  /** What is copied. */
  @property() accessor text = '';
  /** The button's words, e.g. "Copy link". */
  @property() accessor label = 'Copy';
  @reactive() private accessor said = '';

  static override styles = [baseStyles];

  override render() {
    return html`<button type="button" class="secondary" @click=${this.copy}>${this.label}</button>
      <span class="muted" role="status">${this.said}</span>`;
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.text);
      this.said = 'Copied';
    } catch {
      this.said = 'Copy it by hand: the browser refused the clipboard';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'copy-button': CopyButton;
  }
}
