// <reorder-list> in Chromium: putting a list in order from the keyboard (Alt+arrows, move buttons)
// and by dragging, each move reported once with the new order.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ReorderDetail, ReorderList } from './reorder-list.ts';
import './reorder-list.ts';

const items = [
  { id: 'a', label: 'API' },
  { id: 'b', label: 'Dashboard' },
  { id: 'c', label: 'Email' },
];

async function mount() {
  const events: string[][] = [];
  const el = await fixture<ReorderList>(
    html`<reorder-list
      label="Services of Core"
      .items=${items}
      @reorder=${(event: CustomEvent<ReorderDetail>) => events.push(event.detail.ids)}
    ></reorder-list>`,
  );
  return { el, events };
}
const labels = (el: ReorderList) => [...el.shadowRoot!.querySelectorAll('li .label')].map((n) => n.textContent);
const row = (el: ReorderList, id: string) => el.shadowRoot!.querySelector<HTMLLIElement>(`li[data-id="${id}"]`)!;
const status = (el: ReorderList) => el.shadowRoot!.querySelector('[role="status"]')!.textContent;

afterEach(() => fixtureCleanup());

describe('<reorder-list>', () => {
  it('Alt+ArrowDown and Alt+ArrowUp move the focused row, keep the focus on it, and announce where it went', async () => {
    const { el, events } = await mount();
    row(el, 'a').focus();
    await sendKeys({ press: 'Alt+ArrowDown' });
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['Dashboard', 'API', 'Email']);
    expect(events).to.deep.equal([['b', 'a', 'c']]);
    expect(el.shadowRoot!.activeElement).to.equal(row(el, 'a'));
    expect(status(el)).to.equal('API moved to position 2 of 3.');

    await sendKeys({ press: 'Alt+ArrowDown' });
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['Dashboard', 'Email', 'API']);
    // Already last: nothing moves, nothing is reported.
    await sendKeys({ press: 'Alt+ArrowDown' });
    await el.updateComplete;
    expect(events).to.have.length(2);

    await sendKeys({ press: 'Alt+ArrowUp' });
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['Dashboard', 'API', 'Email']);
    expect(events.at(-1)).to.deep.equal(['b', 'a', 'c']);
  });

  it('plain arrow keys do not move anything', async () => {
    const { el, events } = await mount();
    row(el, 'b').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['API', 'Dashboard', 'Email']);
    expect(events).to.deep.equal([]);
  });

  it('the move buttons are named after their row, disabled at the ends, and keep the focus while they apply', async () => {
    const { el, events } = await mount();
    const up = (id: string) => row(el, id).querySelector<HTMLButtonElement>('button[aria-label$=" up"]')!;
    const down = (id: string) => row(el, id).querySelector<HTMLButtonElement>('button[aria-label$=" down"]')!;
    expect(up('a').getAttribute('aria-label')).to.equal('Move API up');
    expect(up('a').disabled).to.equal(true);
    expect(down('c').disabled).to.equal(true);
    up('c').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['API', 'Email', 'Dashboard']);
    expect(el.shadowRoot!.activeElement).to.equal(up('c'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['Email', 'API', 'Dashboard']);
    // At the top its "up" no longer applies: the focus falls back to the row.
    expect(el.shadowRoot!.activeElement).to.equal(row(el, 'c'));
    expect(events).to.deep.equal([
      ['a', 'c', 'b'],
      ['c', 'a', 'b'],
    ]);
  });

  it('dragging a row over another reorders while dragging and reports once, on drop', async () => {
    const { el, events } = await mount();
    const transfer = new DataTransfer();
    const drag = (target: HTMLElement, type: string) =>
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    drag(row(el, 'c'), 'dragstart');
    await el.updateComplete;
    drag(row(el, 'b'), 'dragover');
    await el.updateComplete;
    drag(row(el, 'a'), 'dragover');
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['Email', 'API', 'Dashboard']);
    expect(events).to.deep.equal([]);
    drag(row(el, 'a'), 'drop');
    drag(row(el, 'c'), 'dragend');
    await el.updateComplete;
    expect(events).to.deep.equal([['c', 'a', 'b']]);
    expect(status(el)).to.equal('Email moved to position 1 of 3.');
  });

  it('disabled: no move buttons work and rows are not draggable', async () => {
    const { el, events } = await mount();
    el.disabled = true;
    await el.updateComplete;
    expect(row(el, 'a').getAttribute('draggable')).to.equal('false');
    expect([...el.shadowRoot!.querySelectorAll('button')].every((b) => b.disabled)).to.equal(true);
    row(el, 'a').focus();
    await sendKeys({ press: 'Alt+ArrowDown' });
    expect(events).to.deep.equal([]);
  });
});
