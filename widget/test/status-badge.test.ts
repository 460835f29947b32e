// <status-badge> in Chromium against a real API server (see web-test-runner.config.mjs): the built
// script as served by the API at /widget/status-badge.js, exactly what a customer embeds.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { StatusBadge, StatusChangeDetail } from '../src/status-badge.ts';
import type { TestWorld } from './lantern-commands.ts';
import { seriousAxeViolations } from './axe.ts';
import { streamRequests } from './fetch-log.ts';

const world = (await executeServerCommand('lantern:world')) as TestWorld;
await import(`${world.api}/widget/status-badge.js`);
const { api } = world;

type Badge = StatusBadge;
const shadowText = (badge: Badge) => badge.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
const label = (badge: Badge) => badge.shadowRoot!.querySelector('[part~="label"]')?.textContent?.trim() ?? '';
const untilShown = (badge: Badge) =>
  waitUntil(() => badge.view.kind === 'status' && !label(badge).startsWith('Checking'), 'the badge shows a status', {
    timeout: 15_000,
  });
const setStatus = (org: string, service: string, status: string) =>
  executeServerCommand('lantern:set-status', { org, service, status });
const log = (line: string) => executeServerCommand('lantern:log', { line });

afterEach(() => fixtureCleanup());

describe('<status-badge> variants and themes', () => {
  for (const variant of ['dot', 'pill', 'card'] as const) {
    for (const theme of ['light', 'dark', 'auto'] as const) {
      it(`${variant} / ${theme}: shows the status in words, links to the page, passes axe`, async () => {
        const background = theme === 'dark' ? '#0d1117' : '#ffffff';
        const wrapper = await fixture<HTMLElement>(
          html`<section style="background:${background};padding:16px">
            <status-badge org="demo" variant=${variant} theme=${theme} api=${api}></status-badge>
          </section>`,
        );
        const badge = wrapper.querySelector('status-badge')!;
        await untilShown(badge);
        if (variant === 'card') await waitUntil(() => badge.shadowRoot!.querySelector('.card'), 'the card view');
        const status = badge.shadowRoot!.querySelector('[role="status"]')!;
        expect(status.getAttribute('aria-live')).to.equal('polite');
        expect(label(badge)).to.match(/Operational|Outage|Maintenance/);
        // The words sit on one line beside a round dot (nothing squeezes them into a column).
        const words = badge.shadowRoot!.querySelector('[part~="label"]')!.getBoundingClientRect();
        const dot = badge.shadowRoot!.querySelector('[part="dot"]')!.getBoundingClientRect();
        expect(words.height).to.be.lessThan(2 * dot.height + 12);
        expect(words.width).to.be.greaterThan(100);
        expect(Math.round(dot.width)).to.equal(Math.round(dot.height));
        const link = badge.shadowRoot!.querySelector<HTMLAnchorElement>('a[part~="link"]')!;
        expect(link.href).to.equal(`${api}/status/demo/`);
        link.focus();
        expect(badge.shadowRoot!.activeElement, 'the link takes keyboard focus').to.equal(link);
        if (variant === 'card') {
          expect(badge.shadowRoot!.querySelectorAll('[part="service"]').length).to.be.greaterThan(3);
          expect(shadowText(badge)).to.contain('API');
        }
        expect(await seriousAxeViolations(wrapper)).to.deep.equal([]);
      });
    }
  }

  it('toast: a dismissible notice while an incident is open, remembered per incident', async () => {
    localStorage.clear();
    const badge = await fixture<Badge>(html`<status-badge org="demo" variant="toast" api=${api}></status-badge>`);
    await untilShown(badge);
    const open = badge.view.status!.incidents.length + badge.view.status!.active_maintenances.length;
    expect(open, 'the demo has an open incident or maintenance').to.be.greaterThan(0);
    await waitUntil(() => badge.shadowRoot!.querySelector('[part~="toast"]'), 'the toast');
    const toast = badge.shadowRoot!.querySelector<HTMLElement>('[part~="toast"]')!;
    expect(getComputedStyle(toast).position).to.equal('fixed');
    await Promise.all(toast.getAnimations().map((animation) => animation.finished)); // axe reads settled colours
    expect(await seriousAxeViolations(badge)).to.deep.equal([]);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(toast).animationName, 'no slide-in with reduced motion').to.equal('none');
    await emulateMedia({ reducedMotion: 'no-preference' });
    const first = toast.querySelector('a')!.textContent;
    badge.shadowRoot!.querySelector<HTMLButtonElement>('[part="dismiss"]')!.click();
    await waitUntil(
      () => badge.shadowRoot!.querySelector('[part~="toast"] a')?.textContent !== first,
      'the dismissed notice goes',
    );
    expect(Object.keys(localStorage).some((key) => key.startsWith('lantern.status-badge.dismissed:demo:'))).to.equal(
      true,
    );
  });
});

describe('<status-badge> attributes', () => {
  it('follows org, service, variant and theme changes after connect', async () => {
    const badge = await fixture<Badge>(html`<status-badge org="demo" api=${api}></status-badge>`);
    await untilShown(badge);
    await sendKeys({ press: 'Tab' });
    expect(badge.shadowRoot!.activeElement?.getAttribute('part'), 'Tab reaches the link').to.equal('base link');
    badge.setAttribute('service', 'api');
    await waitUntil(() => label(badge).startsWith('API: '), 'the service status');
    badge.setAttribute('org', 'acme-widgets');
    badge.setAttribute('service', 'web');
    await waitUntil(() => label(badge).startsWith('Web: '), 'the other org');
    badge.setAttribute('variant', 'pill');
    await badge.updateComplete;
    expect(badge.shadowRoot!.querySelector('.pill')).to.not.equal(null);
    badge.setAttribute('theme', 'dark');
    await badge.updateComplete;
    expect(getComputedStyle(badge.shadowRoot!.querySelector('.badge')!).colorScheme).to.equal('dark');
    badge.removeAttribute('service');
    await waitUntil(() => !label(badge).includes(':'), 'the org status again');
  });

  it('unknown org: inline state, one console warning naming the attribute, no retry storm', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    const requests = streamRequests();
    try {
      const badge = await fixture<Badge>(html`<status-badge org="no-such-org" api=${api}></status-badge>`);
      await waitUntil(() => label(badge) === 'Unknown status page', 'the unknown state', { timeout: 10_000 });
      expect(warnings.filter((w) => w.includes('org="no-such-org"')).length).to.equal(1);
      await new Promise((resolve) => setTimeout(resolve, 2500)); // a retry storm would show in this window
      expect(requests.urls().filter((url) => url.includes('no-such-org')).length).to.equal(1);
      badge.setAttribute('org', 'demo');
      badge.setAttribute('service', 'no-such-service');
      await waitUntil(() => label(badge) === 'Unknown service', 'the unknown service state', { timeout: 10_000 });
      expect(warnings.some((w) => w.includes('service="no-such-service"'))).to.equal(true);
    } finally {
      console.warn = warn;
      requests.restore();
    }
  });
});

describe('<status-badge> live', () => {
  it('a status change through the API reaches the badge and fires status-change (median latency)', async () => {
    const badge = await fixture<Badge>(html`<status-badge org="acme-widgets" service="web" api=${api}></status-badge>`);
    await untilShown(badge);
    const events: StatusChangeDetail[] = [];
    const collect = (e: Event) => events.push((e as CustomEvent<StatusChangeDetail>).detail);
    document.addEventListener('status-change', collect);
    const latencies: number[] = [];
    const statuses = [
      'major_outage',
      'operational',
      'partial_outage',
      'operational',
      'degraded_performance',
      'operational',
    ];
    let previous = badge.view.kind === 'status' ? badge.view.key : null;
    for (const status of statuses) {
      const started = performance.now();
      const arrived = new Promise<StatusChangeDetail>((resolve) =>
        badge.addEventListener('status-change', (e) => resolve(e.detail), { once: true }),
      );
      await setStatus('acme-widgets', 'web', status);
      const detail = await arrived;
      latencies.push(performance.now() - started);
      expect(detail).to.deep.equal({ status, previous, service: 'web' });
      previous = status;
    }
    document.removeEventListener('status-change', collect);
    expect(events.length, 'the event bubbles out of the shadow root to the document').to.equal(statuses.length);
    const sorted = [...latencies].sort((a, b) => a - b);
    const median = (sorted[2]! + sorted[3]!) / 2;
    await log(
      `status-badge live latency (API write → status-change), median of ${sorted.length}: ${median.toFixed(1)} ms`,
    );
  });

  it('20 badges of 2 orgs open exactly 2 streams; the last badge of an org leaving closes its stream', async () => {
    const requests = streamRequests();
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<section>
          ${Array.from({ length: 20 }, (_, i) =>
            i % 2
              ? html`<status-badge org="demo" api=${api}></status-badge>`
              : html`<status-badge org="acme-widgets" variant="pill" api=${api}></status-badge>`,
          )}
        </section>`,
      );
      const badges = [...wrapper.querySelectorAll('status-badge')];
      for (const badge of badges) await untilShown(badge);
      expect(requests.urls().length).to.equal(2);
      for (const badge of badges.filter((b) => b.org === 'demo')) badge.remove();
      await waitUntil(() => requests.aborted().length === 1, 'the demo stream to close');
      expect(requests.aborted()[0]).to.contain('/demo/stream');
      wrapper.remove();
      await waitUntil(() => requests.aborted().length === 2, 'the other stream to close');
    } finally {
      requests.restore();
    }
  });
});

/** The page-wide registry every copy of the script shares. */
const registry = () =>
  (globalThis as Record<symbol, unknown>)[Symbol.for('lantern.status-badge.streams')] as {
    feeds: Map<string, { state: { phase: string } }>;
    tuning: { failuresBeforePolling: number; pollIntervalMs: number; pollsBetweenStreamProbes: number };
  };
const phaseOf = (org: string) => registry().feeds.get(`${api}|${org}`)?.state.phase;

describe('<status-badge> connection trouble', () => {
  it('keeps the last status, turns stale while the API is down, and resumes with the last event id', async () => {
    const requests = streamRequests();
    const badge = await fixture<Badge>(
      html`<status-badge org="acme-widgets" service="web" stale-after="300" api=${api}></status-badge>`,
    );
    const tuning = { ...registry().tuning };
    registry().tuning.failuresBeforePolling = 1000; // this test is about the stream coming back
    try {
      await untilShown(badge);
      const before = label(badge);
      await executeServerCommand('lantern:stop-api');
      await waitUntil(() => badge.hasAttribute('stale'), 'the stale marker', { timeout: 15_000 });
      expect(label(badge)).to.contain(before);
      expect(label(badge)).to.contain('may be out of date');
      await executeServerCommand('lantern:start-api');
      await setStatus('acme-widgets', 'web', 'major_outage');
      await waitUntil(() => label(badge) === 'Web: Major outage', 'the change made while reconnecting', {
        timeout: 30_000,
      });
      await waitUntil(() => !badge.hasAttribute('stale'), 'the stale marker to go');
      expect(
        requests.urls().some((url) => /lastEventId=\d+/.test(url)),
        requests.urls().join('\n'),
      ).to.equal(true);
      await setStatus('acme-widgets', 'web', 'operational');
      await waitUntil(() => label(badge) === 'Web: Operational', 'live again');
    } finally {
      Object.assign(registry().tuning, tuning);
      requests.restore();
    }
  });

  it('falls back to polling with If-None-Match when streaming keeps failing, and returns to streaming', async () => {
    const tuning = { ...registry().tuning };
    Object.assign(registry().tuning, { failuresBeforePolling: 2, pollIntervalMs: 250, pollsBetweenStreamProbes: 3 });
    const requests = streamRequests();
    requests.control.block = true;
    try {
      const badge = await fixture<Badge>(
        html`<status-badge org="acme-widgets" service="web" api=${api}></status-badge>`,
      );
      await waitUntil(() => phaseOf('acme-widgets') === 'polling', 'polling', { timeout: 20_000 });
      await untilShown(badge);
      await setStatus('acme-widgets', 'web', 'partial_outage');
      await waitUntil(() => label(badge) === 'Web: Partial outage', 'the change, polled', { timeout: 10_000 });
      expect(
        requests.polls().some((poll) => poll.ifNoneMatch),
        'revalidates with If-None-Match',
      ).to.equal(true);
      requests.control.block = false;
      await waitUntil(() => phaseOf('acme-widgets') === 'live', 'streaming again', { timeout: 10_000 });
      const pollsWhenLive = requests.polls().length;
      await setStatus('acme-widgets', 'web', 'operational');
      await waitUntil(() => label(badge) === 'Web: Operational', 'the change, streamed');
      expect(requests.polls().length, 'polling stopped').to.equal(pollsWhenLive);
    } finally {
      Object.assign(registry().tuning, tuning);
      requests.restore();
    }
  });
});

describe('<status-badge> on someone else’s page', () => {
  it('loaded from another origin than the API and again from the API, on a page with hostile CSS', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe style="width:800px;height:400px"></iframe>`);
    frame.srcdoc = `<!doctype html><html><head>
      <script>
        window.hostGlobals = Object.getOwnPropertyNames(window);
        window.streamUrls = [];
        const original = window.fetch;
        window.fetch = (input, init) => (String(input).includes('/stream') && streamUrls.push(String(input)), original(input, init));
      </script>
      <style>* { all: unset } div { display: none !important } #host-text { color: rgb(1, 2, 3) }</style>
      <script type="module" src="${world.staticOrigin}/status-badge.js"></script>
      <script type="module" src="${api}/widget/status-badge.js"></script>
      </head><body>
      <p id="host-text">Host text</p><div id="host-div">A div of the host</div>
      <p><status-badge org="demo" variant="pill" api="${api}"></status-badge></p>
      <p><status-badge org="demo" service="api" api="${api}"></status-badge></p>
      </body></html>`;
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as Window & typeof globalThis & { hostGlobals: string[]; streamUrls: string[] };
    const doc = frame.contentDocument!;
    const [pill, service] = [...doc.querySelectorAll('status-badge')] as Badge[];
    await waitUntil(() => win.customElements.get('status-badge'), 'the element to be defined');
    await untilShown(pill!);
    await untilShown(service!);
    expect(label(service!)).to.match(/^API: /);
    // Looks as designed despite `* { all: unset }`: the dot is a coloured circle, the text readable.
    const dot = pill!.shadowRoot!.querySelector<HTMLElement>('[part="dot"]')!;
    expect(dot.getBoundingClientRect().width).to.be.greaterThan(5);
    expect(win.getComputedStyle(dot).borderRadius).to.equal('50%');
    const text = pill!.shadowRoot!.querySelector<HTMLElement>('[part~="label"]')!;
    expect(text.getBoundingClientRect().width).to.be.greaterThan(50);
    expect(win.getComputedStyle(text).color).to.not.equal('rgb(1, 2, 3)');
    // The host page is untouched: its rules still apply, nothing added to its DOM, styles or globals
    // (Lit's own version lists aside).
    expect(win.getComputedStyle(doc.getElementById('host-text')!).color).to.equal('rgb(1, 2, 3)');
    expect(win.getComputedStyle(doc.getElementById('host-div')!).display).to.equal('none');
    expect(doc.styleSheets.length).to.equal(1);
    expect(doc.adoptedStyleSheets.length).to.equal(0);
    expect(doc.querySelectorAll('body *').length).to.equal(6);
    const before = new Set(win.hostGlobals);
    const added = Object.getOwnPropertyNames(win).filter(
      (name) => !before.has(name) && !['hostGlobals', 'streamUrls'].includes(name),
    );
    expect(
      added.filter(
        (name) => !/^(litElementVersions|litHtmlVersions|reactiveElementVersions|litPropertyMetadata)$/.test(name),
      ),
    ).to.deep.equal([]);
    // Two copies of the script, two badges of one org: one stream.
    expect(win.streamUrls.length).to.equal(1);
  });
});
