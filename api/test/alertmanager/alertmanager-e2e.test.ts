import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestContext, type TestContext } from '../test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../fixtures.ts';
import { serveApp } from '../streams.ts';
import { startAlertmanager, startPrometheus, type Program } from './programs.ts';

/** The widget's stream client, as much of it as this test uses (it lives outside the api project). */
type OpenEventStream = (options: {
  url: string;
  onEvent: (event: { event: string; id: string | undefined; data: Record<string, unknown> }) => void;
}) => { close(): void };
const streamClientUrl = new URL('../../../widget/src/stream-client.ts', import.meta.url).href;

/** A public-stream event of one kind that satisfies `match`, within `timeoutMs`. */
interface Watch {
  next(kind: string, match: (data: Record<string, unknown>) => boolean, timeoutMs: number): Promise<number>;
  close(): void;
}

async function watchPublicStream(url: string): Promise<Watch> {
  const { openEventStream } = (await import(streamClientUrl)) as { openEventStream: OpenEventStream };
  const seen: { kind: string; data: Record<string, unknown>; at: number }[] = [];
  const waiters = new Set<() => void>();
  const stream = openEventStream({
    url,
    onEvent: (event) => {
      seen.push({ kind: event.event, data: event.data, at: Date.now() });
      for (const wake of waiters) wake();
    },
  });
  return {
    next: (kind, match, timeoutMs) =>
      new Promise<number>((resolve, reject) => {
        const check = () => {
          const hit = seen.find((e) => e.kind === kind && match(e.data));
          if (!hit) return;
          cleanup();
          resolve(hit.at);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${kind} event matched within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: () => stream.close(),
  };
}

// Real Prometheus → real Alertmanager → our receiver on a listening server → the public stream.
describe('Alertmanager end to end with the real programs', () => {
  let t: TestContext;
  let world: TenantWorld;
  let api: Awaited<ReturnType<typeof serveApp>>;
  let target: Server;
  let value = 1;
  const programs: Program[] = [];

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    api = await serveApp(t.app, t.deps);
    target = createServer((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(`# TYPE test_up gauge\ntest_up ${value}\n`);
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await Promise.all(programs.map((p) => p.stop()));
    target?.close();
    await api?.close();
    await t?.close();
  });

  it('an alert firing shows the mapped status and opens an incident on the public stream; its resolve undoes both', async () => {
    const service = await createService(t.db, world.orgA.id, { slug: 'checkout', name: 'Checkout' });
    const key = await createApiKey(t.db, world.orgA.id, ['alerts:write'], 'alertmanager');
    const alertmanager = await startAlertmanager({
      webhookUrl: `${api.url}/api/organizations/${world.orgA.id}/integrations/alertmanager`,
      credentials: key.secret,
    });
    programs.push(alertmanager);
    const prometheus = await startPrometheus({
      target: `127.0.0.1:${(target.address() as AddressInfo).port}`,
      alertmanager: alertmanager.url.replace('http://', ''),
      rules: `groups:
  - name: lantern-e2e
    interval: 1s
    rules:
      - alert: CheckoutDown
        expr: test_up == 0
        for: 0s
        labels: { service: checkout, severity: critical }
        annotations: { summary: 'Checkout is down' }
`,
    });
    programs.push(prometheus);

    const stream = await watchPublicStream(`${api.url}/api/public/status/${world.orgA.slug}/stream`);
    try {
      const serviceIs = (status: string) => (d: Record<string, unknown>) =>
        (d.service as { id?: string; status?: string } | undefined)?.id === service.id &&
        (d.service as { status: string }).status === status;
      const incidentIs = (status: string) => (d: Record<string, unknown>) =>
        (d.incident as { title?: string; status?: string } | undefined)?.title === 'Checkout is down' &&
        (d.incident as { status: string }).status === status;

      value = 0;
      const flippedAt = Date.now();
      const [outageAt] = await Promise.all([
        stream.next('service', serviceIs('major_outage'), 25_000),
        stream.next('incident', incidentIs('investigating'), 25_000),
      ]);
      // The rule fired at the alert's startsAt (Prometheus' activeAt, stored on the hold).
      const [hold] = await t.db.query<{ starts_at: Date }>(
        `select starts_at from public.alert_holds where org_id = $1 and service_id = $2`,
        [world.orgA.id, service.id],
      );
      console.info(
        `alertmanager e2e: metric flip → major_outage on the stream ${outageAt - flippedAt} ms; ` +
          `rule firing (startsAt) → status change ${outageAt - hold!.starts_at.getTime()} ms`,
      );

      value = 1;
      const recoveredAt = Date.now();
      const [operationalAt] = await Promise.all([
        stream.next('service', serviceIs('operational'), 25_000),
        stream.next('incident', incidentIs('resolved'), 25_000),
      ]);
      console.info(`alertmanager e2e: metric recovery → operational on the stream ${operationalAt - recoveredAt} ms`);
      const history = await t.db.query<{ status: string; source: string; actor: { type: string; id: string } }>(
        `select status, source, actor from public.service_status_history where service_id = $1 order by created_at`,
        [service.id],
      );
      expect(history).toEqual([
        { status: 'major_outage', source: 'alert', actor: expect.objectContaining({ type: 'api_key', id: key.id }) },
        { status: 'operational', source: 'alert', actor: expect.objectContaining({ type: 'api_key', id: key.id }) },
      ]);
    } finally {
      stream.close();
    }
  }, 60_000);
});
