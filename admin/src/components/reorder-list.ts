import { LitElement, css, html } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { baseStyles } from '../styles.ts';

export interface ReorderItem {
  id: string;
  label: string;
}

/** The ids in their new order. */
export interface ReorderDetail {
  ids: string[];
}

/**
 * A list put in order by dragging a row, or from the keyboard: each row's "Move up"/"Move down"
 * buttons, or Alt+ArrowUp/Alt+ArrowDown on a focused row. Focus stays on the moved row and a live
 * region says where it went, so the keyboard path is as complete as the mouse one.
 * @fires reorder - CustomEvent<ReorderDetail> after each move; the host saves it and sets `items`
 */
@customElement('reorder-list')
export class ReorderList extends LitElement {
  @property({ attribute: false }) accessor items: ReorderItem[] = [];
  /** What the list holds, for its accessible name ("services of Core"). */
  @property() accessor label = 'Items';
  @property({ type: Boolean }) accessor disabled = false;
  @reactive() private accessor announcement = '';
  @reactive() private accessor dragging: string | null = null;

  static override styles = [
    baseStyles,
    css`
      li {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.35rem 0.5rem;
        border: 1px solid var(--border);
        border-radius: 6px;
        background: var(--bg);
        margin-bottom: 0.35rem;
      }
      li.dragging {
        opacity: 0.5;
      }
      .handle {
        cursor: grab;
        color: var(--muted);
        user-select: none;
      }
      .label {
        flex: 1;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      button {
        min-height: 2.25rem;
        padding: 0.25rem 0.6rem;
      }
    `,
  ];

  override render() {
    const last = this.items.length - 1;
    return html`<ul class="plain" aria-label=${this.label}>
        ${repeat(
          this.items,
          (item) => item.id,
          (item, i) =>
            html`<li
              data-id=${item.id}
              tabindex="0"
              draggable=${this.disabled ? 'false' : 'true'}
              aria-describedby="how"
              class=${this.dragging === item.id ? 'dragging' : ''}
              @keydown=${(event: KeyboardEvent) => this.onKey(event, i)}
              @dragstart=${(event: DragEvent) => this.onDragStart(event, item.id)}
              @dragover=${(event: DragEvent) => this.onDragOver(event, i)}
              @drop=${(event: DragEvent) => event.preventDefault()}
              @dragend=${() => this.onDragEnd()}
            >
              <span class="handle" aria-hidden="true">⠿</span>
              <span class="label">${item.label}</span>
              <button
                class="secondary"
                type="button"
                aria-label="Move ${item.label} up"
                ?disabled=${this.disabled || i === 0}
                @click=${() => this.move(i, i - 1)}
              >
                ↑
              </button>
              <button
                class="secondary"
                type="button"
                aria-label="Move ${item.label} down"
                ?disabled=${this.disabled || i === last}
                @click=${() => this.move(i, i + 1)}
              >
                ↓
              </button>
            </li>`,
        )}
      </ul>
      <p id="how" class="visually-hidden">Drag, or press Alt and an arrow key to move.</p>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>`;
  }

  private onKey(event: KeyboardEvent, index: number) {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    if (event.target !== event.currentTarget) return; // a row's own button handles its keys
    event.preventDefault();
    this.move(index, event.key === 'ArrowUp' ? index - 1 : index + 1, 'row');
  }

  /** Moves one item; keeps focus on it (on its row, or on the same button while it still applies). */
  async move(from: number, to: number, focus: 'row' | 'button' = 'button'): Promise<void> {
    if (this.disabled || to < 0 || to >= this.items.length || from === to) return;
    const items = [...this.items];
    const [moved] = items.splice(from, 1);
    items.splice(to, 0, moved!);
    this.items = items;
    this.announcement = `${moved!.label} moved to position ${to + 1} of ${items.length}.`;
    this.dispatchEvent(
      new CustomEvent<ReorderDetail>('reorder', {
        detail: { ids: items.map((item) => item.id) },
        bubbles: true,
        composed: true,
      }),
    );
    await this.updateComplete;
    const row = this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(moved!.id)}"]`);
    const direction = to < from ? 'up' : 'down';
    const button = row?.querySelector<HTMLButtonElement>(`button[aria-label$=" ${direction}"]`);
    (focus === 'button' && button && !button.disabled ? button : row)?.focus();
  }

  private dragStartOrder: string[] = [];

  private onDragStart(event: DragEvent, id: string) {
    if (this.disabled) return event.preventDefault();
    this.dragging = id;
    this.dragStartOrder = this.items.map((item) => item.id);
    event.dataTransfer?.setData('text/plain', id);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  /** While dragging, the dragged row takes the place of the row under the pointer (no event yet). */
  private onDragOver(event: DragEvent, index: number) {
    if (!this.dragging) return;
    event.preventDefault();
    const from = this.items.findIndex((item) => item.id === this.dragging);
    if (from === index || from < 0) return;
    const items = [...this.items];
    const [moved] = items.splice(from, 1);
    items.splice(index, 0, moved!);
    this.items = items;
  }

  /** One `reorder` per drag, when the order changed. */
  private onDragEnd() {
    const id = this.dragging;
    this.dragging = null;
    const ids = this.items.map((item) => item.id);
    if (!id || ids.join() === this.dragStartOrder.join()) return;
    const index = ids.indexOf(id);
    this.announcement = `${this.items[index]!.label} moved to position ${index + 1} of ${ids.length}.`;
    this.dispatchEvent(new CustomEvent<ReorderDetail>('reorder', { detail: { ids }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reorder-list': ReorderList;
  }
}
