// <confirm-dialog> in Chromium: the question before a destructive action, on the native <dialog>.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConfirmDialog } from './confirm-dialog.ts';
import './confirm-dialog.ts';

const buttons = (el: ConfirmDialog) => [...el.shadowRoot!.querySelectorAll('button')];
const dialog = (el: ConfirmDialog) => el.shadowRoot!.querySelector('dialog')!;

afterEach(() => fixtureCleanup());

describe('<confirm-dialog>', () => {
  it('asks modally, names the action on its button, focuses Cancel, and answers true when confirmed', async () => {
    const el = await fixture<ConfirmDialog>(html`<confirm-dialog></confirm-dialog>`);
    const answer = el.ask({ message: 'Delete API? Its history goes with it.', confirmLabel: 'Delete API' });
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect(dialog(el).matches(':modal')).to.equal(true);
    expect(dialog(el).textContent).to.contain('Delete API? Its history goes with it.');
    expect(buttons(el).map((b) => b.textContent!.trim())).to.deep.equal(['Cancel', 'Delete API']);
    expect(el.shadowRoot!.activeElement).to.equal(buttons(el)[0]);
    buttons(el)[1]!.click();
    expect(await answer).to.equal(true);
    expect(dialog(el).open).to.equal(false);
  });

  it('answers false on Cancel, and on Escape', async () => {
    const el = await fixture<ConfirmDialog>(html`<confirm-dialog></confirm-dialog>`);
    const first = el.ask({ message: 'Delete the group Core?', confirmLabel: 'Delete Core' });
    await el.updateComplete;
    buttons(el)[0]!.click();
    expect(await first).to.equal(false);

    const second = el.ask({ message: 'Delete the group Core?', confirmLabel: 'Delete Core' });
    await el.updateComplete;
    await sendKeys({ press: 'Escape' });
    expect(await second).to.equal(false);
    expect(dialog(el).open).to.equal(false);
  });

  it('pressing Enter right away cancels: the safe choice has the focus', async () => {
    const el = await fixture<ConfirmDialog>(html`<confirm-dialog></confirm-dialog>`);
    const answer = el.ask({ message: 'Revoke the key?', confirmLabel: 'Revoke' });
    await el.updateComplete;
    await sendKeys({ press: 'Enter' });
    expect(await answer).to.equal(false);
  });
});
