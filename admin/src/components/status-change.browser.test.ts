// <status-change> in Chromium: the two-click status picker of the services screen.
import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import type { Service } from '../api-types.ts';
import type { StatusChange, StatusChangeDetail } from './status-change.ts';
import './status-change.ts';

const service: Service = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'api',
  name: 'API',
  description: '',
  group_id: null,
  position: 0,
  is_public: true,
  status: 'operational',
  manual_status: 'operational',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

const parts = (el: StatusChange) => ({
  select: el.shadowRoot!.querySelector('select')!,
  message: el.shadowRoot!.querySelector('input')!,
  button: el.shadowRoot!.querySelector('button')!,
});

afterEach(() => fixtureCleanup());

describe('<status-change>', () => {
  it('offers the statuses a person may set, the current one chosen, and Update only once it differs', async () => {
    const el = await fixture<StatusChange>(html`<status-change .service=${service}></status-change>`);
    const { select, button } = parts(el);
    expect([...select.options].map((o) => o.value)).to.deep.equal([
      'operational',
      'degraded_performance',
      'partial_outage',
      'major_outage',
    ]);
    expect(select.value).to.equal('operational');
    expect(select.getAttribute('aria-label')).to.equal('New status of API');
    expect(button.disabled).to.equal(true);
    select.value = 'major_outage';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(button.disabled).to.equal(false);
  });

  it('fires the chosen status with the trimmed message, or no message when blank', async () => {
    const el = await fixture<StatusChange>(html`<status-change .service=${service}></status-change>`);
    const { select, message, button } = parts(el);
    select.value = 'partial_outage';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    message.value = '  Errors on EU nodes  ';
    setTimeout(() => button.click());
    const event = (await oneEvent(el, 'status-change')) as CustomEvent<StatusChangeDetail>;
    expect(event.detail).to.deep.equal({ status: 'partial_outage', message: 'Errors on EU nodes' });

    message.value = '   ';
    setTimeout(() => button.click());
    const second = (await oneEvent(el, 'status-change')) as CustomEvent<StatusChangeDetail>;
    expect(second.detail).to.deep.equal({ status: 'partial_outage', message: undefined });
  });

  it('shows busy and the API error, and a new state of the service resets the choice and the message', async () => {
    const el = await fixture<StatusChange>(html`<status-change .service=${service}></status-change>`);
    const { select, message } = parts(el);
    select.value = 'major_outage';
    select.dispatchEvent(new Event('change'));
    message.value = 'draft';
    el.busy = true;
    await el.updateComplete;
    expect(parts(el).button.textContent!.trim()).to.equal('Updating…');
    expect(parts(el).button.disabled).to.equal(true);

    el.busy = false;
    el.error = 'You need the member role';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('You need the member role');

    el.service = { ...service, status: 'degraded_performance', manual_status: 'degraded_performance' };
    await el.updateComplete;
    expect(parts(el).select.value).to.equal('degraded_performance');
    expect(parts(el).message.value).to.equal('');
    expect(parts(el).button.disabled).to.equal(true);
  });
});
