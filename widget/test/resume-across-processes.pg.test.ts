// The badge against two API processes on one PostgreSQL database: the process it is connected to
// stops, a change is made through the other one, the first starts again, and the badge shows the
// change without a reload — having said "may be out of date" while the API was down.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { StatusBadge } from '../src/status-badge.ts';
import type { PgWorld } from './lantern-commands.ts';
import { streamRequests } from './fetch-log.ts';

const pg = (await executeServerCommand('lantern:pg-world')) as PgWorld;
await import(`${pg.a}/widget/status-badge.js`);

const label = (badge: StatusBadge) => badge.shadowRoot!.querySelector('[part~="label"]')?.textContent?.trim() ?? '';
const registry = () =>
  (globalThis as Record<symbol, unknown>)[Symbol.for('lantern.status-badge.streams')] as {
    tuning: { failuresBeforePolling: number };
  };

afterEach(() => fixtureCleanup());

describe('<status-badge> across API processes on PostgreSQL', () => {
  it('stale while its API process is down; a change made through another process shows after the restart', async () => {
    const requests = streamRequests();
    try {
      // No `api` attribute: the badge talks to the origin it was loaded from (process A).
      const badge = await fixture<StatusBadge>(
        html`<status-badge org="demo" service="api" stale-after="300"></status-badge>`,
      );
      await waitUntil(() => label(badge) === 'API: Operational', 'the live status', { timeout: 15_000 });
      registry().tuning.failuresBeforePolling = 1000; // this test is about the stream resuming
      await executeServerCommand('lantern:pg-stop-a');
      await waitUntil(() => badge.hasAttribute('stale'), 'the stale marker', { timeout: 15_000 });
      expect(label(badge)).to.equal('API: Operational (may be out of date)');
      await executeServerCommand('lantern:pg-set-status-via-b', { service: 'api', status: 'major_outage' });
      await executeServerCommand('lantern:pg-start-a');
      await waitUntil(() => label(badge) === 'API: Major outage', 'the change, after the restart', { timeout: 30_000 });
      expect(badge.hasAttribute('stale')).to.equal(false);
      const resumed = requests.urls().filter((url) => url.startsWith(pg.a) && /lastEventId=\d+/.test(url));
      expect(resumed.length, requests.urls().join('\n')).to.be.greaterThan(0);
    } finally {
      requests.restore();
    }
  });
});
