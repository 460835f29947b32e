import { LitElement, css, html } from 'lit';
import { customElement, query, state as reactive } from 'lit/decorators.js';
import { baseStyles } from '../styles.ts';

export interface ConfirmOptions {
  /** The question, saying what happens (e.g. "Delete API? Its history goes with it."). */
  message: string;
  /** The confirming button's words ("Delete API"); the other button says "Cancel". */
  confirmLabel: string;
}

/**
 * A modal question before a destructive action, on the native `<dialog>` (focus is trapped, Escape
 * cancels, focus returns to the opener). Unlike `window.confirm` it is styled, light and dark, and the
 * confirming button names the action.
 *
 *   const ok = await this.confirmDialog.ask({ message: 'Delete API?', confirmLabel: 'Delete API' });
 */
@customElement('confirm-dialog')
export class ConfirmDialog extends LitElement {
  @reactive() private accessor options: ConfirmOptions = { message: '', confirmLabel: 'Confirm' };
  @query('dialog') private accessor dialog!: HTMLDialogElement;
  private answer: ((ok: boolean) => void) | null = null;

  static override styles = [
    baseStyles,
    css`
      dialog {
        background: var(--surface);
        color: var(--text);
        border: 1px solid var(--border);
        border-radius: 10px;
        padding: 1.25rem;
        max-width: min(28rem, calc(100vw - 2rem));
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.45);
      }
      p {
        margin: 0 0 1rem;
      }
      .row {
        justify-content: flex-end;
      }
      button.danger {
        background: var(--danger);
        border-color: var(--danger);
        color: var(--accent-text);
      }
    `,
  ];

  /** Opens the dialog; resolves true when confirmed, false when cancelled (button or Escape). */
  async ask(options: ConfirmOptions): Promise<boolean> {
    this.answer?.(false);
    this.options = options;
    await this.updateComplete;
    this.dialog.showModal();
    // The safe choice has the focus: Enter alone never destroys anything.
    this.renderRoot.querySelector<HTMLButtonElement>('button.secondary')?.focus();
    return new Promise<boolean>((resolve) => (this.answer = resolve));
  }

  override render() {
    return html`<dialog aria-labelledby="question" @close=${this.closed}>
      <p id="question">${this.options.message}</p>
      <div class="row">
        <button class="secondary" type="button" @click=${() => this.dialog.close('cancel')}>Cancel</button>
        <button class="danger" type="button" @click=${() => this.dialog.close('confirm')}>
          ${this.options.confirmLabel}
        </button>
      </div>
    </dialog>`;
  }

  private closed() {
    const ok = this.dialog.returnValue === 'confirm';
    this.dialog.returnValue = '';
    this.answer?.(ok);
    this.answer = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confirm-dialog': ConfirmDialog;
  }
}

/**
 * Asks with one shared `<confirm-dialog>` in the document (made on first use), for screens that
 * have no dialog of their own. Resolves like `ask`.
 */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  let dialog = document.querySelector<ConfirmDialog>('body > confirm-dialog');
  if (!dialog) {
    dialog = document.createElement('confirm-dialog');
    document.body.append(dialog);
  }
  return dialog.ask(options);
}
