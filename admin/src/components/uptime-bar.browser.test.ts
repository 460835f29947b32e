// <uptime-bar> in Chromium: one bar per day, coloured by status, summarised for screen readers.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { ServiceUptime } from '../api-types.ts';
import type { UptimeBar } from './uptime-bar.ts';
import './uptime-bar.ts';

const day = (date: string, status: ServiceUptime['days'][number]['status'], uptime: number | null) => ({
  date,
  status,
  uptime,
  major_outage_seconds: 0,
  partial_outage_seconds: 0,
});

afterEach(() => fixtureCleanup());

describe('<uptime-bar>', () => {
  it('draws each day with its status and uptime, and says the total once', async () => {
    const uptime: ServiceUptime = {
      service_id: '00000000-0000-4000-8000-000000000001',
      time_zone: 'Europe/Berlin',
      uptime: 99.5,
      days: [
        day('2026-03-01', null, null),
        day('2026-03-02', 'major_outage', 98.999),
        day('2026-03-03', 'operational', 100),
      ],
    };
    const el = await fixture<UptimeBar>(html`<uptime-bar .uptime=${uptime}></uptime-bar>`);
    const bars = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-date]')];
    expect(bars.map((b) => b.className)).to.deep.equal(['none', 'major_outage', 'operational']);
    expect(bars.map((b) => b.title)).to.deep.equal([
      '2026-03-01: no data',
      '2026-03-02: Major outage, 99 % up',
      '2026-03-03: Operational, 100 % up',
    ]);
    const image = el.shadowRoot!.querySelector('[role="img"]')!;
    expect(image.getAttribute('aria-label')).to.equal('99.5 % uptime over the last 3 days');
  });

  it('says so when there is no data yet', async () => {
    const uptime: ServiceUptime = {
      service_id: 'x',
      time_zone: 'UTC',
      uptime: null,
      days: [day('2026-03-01', null, null)],
    };
    const el = await fixture<UptimeBar>(html`<uptime-bar .uptime=${uptime}></uptime-bar>`);
    expect(el.shadowRoot!.querySelector('[data-uptime-summary]')!.textContent).to.equal('No data yet today');
  });
});
