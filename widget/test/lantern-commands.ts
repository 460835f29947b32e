// The test runner's server commands: the browser tests ask Node for the API's address, make changes
// through the API as the demo admin, and stop or restart the API process.
import type { TestRunnerPlugin } from '@web/test-runner';
import { startTestApi, type ApiProcess, type TestApi } from './test-api.ts';
import { serveStaticOrigin } from './static-origin.ts';

/** What the browser tests know about the world (answer of `lantern:world`). */
export interface TestWorld {
  /** The API's origin (it serves the widget at /widget/). */
  api: string;
  /** Another origin serving a copy of widget/dist. */
  staticOrigin: string;
  /** The demo org and a second org, by slug, each with its services' ids by slug. */
  orgs: Record<string, { id: string; services: Record<string, string> }>;
}

/** The PostgreSQL world (answer of `lantern:pg-world`): two API processes on one database. */
export interface PgWorld {
  /** The process the badge connects to (stopped and restarted by the test). */
  a: string;
  /** A second process on the same database, where the change is made while `a` is down. */
  b: string;
}

export function lanternCommands({ distDir, databaseUrl }: { distDir: string; databaseUrl?: string }): TestRunnerPlugin {
  let api: TestApi | undefined;
  let pgApi: TestApi | undefined;
  let pgReplica: ApiProcess | undefined;
  let origin: Awaited<ReturnType<typeof serveStaticOrigin>> | undefined;
  let world: TestWorld | undefined;

  const setUp = async (): Promise<TestWorld> => {
    api = await startTestApi();
    origin = await serveStaticOrigin(distDir);
    const demo = (await api.request('GET', '/api/public/status/demo')).body as {
      data: { organization: { id: string }; services: { id: string; slug: string }[] };
    };
    const created = await api.request('POST', '/api/organizations', { name: 'Acme Widgets', slug: 'acme-widgets' });
    const acmeId = (created.body as { data: { id: string } }).data.id;
    const web = await api.request('POST', `/api/organizations/${acmeId}/services`, { name: 'Web', slug: 'web' });
    const webId = (web.body as { data: { id: string } }).data.id;
    return {
      api: api.url,
      staticOrigin: origin.url,
      orgs: {
        demo: {
          id: demo.data.organization.id,
          services: Object.fromEntries(demo.data.services.map((s) => [s.slug, s.id])),
        },
        'acme-widgets': { id: acmeId, services: { web: webId } },
      },
    };
  };

  return {
    name: 'lantern-commands',
    // Started with the test server: a command must answer within 20 s, and migrating takes a while.
    async serverStart() {
      world = await setUp();
      if (databaseUrl) {
        pgApi = await startTestApi({ databaseUrl });
        pgReplica = await pgApi.startReplica();
      }
    },
    async serverStop() {
      await pgApi?.close();
      await origin?.close();
      await api?.close();
    },
    async executeCommand({ command, payload }) {
      if (!command.startsWith('lantern:')) return undefined;
      if (!world) throw new Error('the test API did not start');
      const args = payload as Record<string, string>;
      switch (command) {
        case 'lantern:world':
          return world;
        case 'lantern:set-status': {
          const org = world.orgs[args.org!]!;
          const res = await api!.request(
            'POST',
            `/api/organizations/${org.id}/services/${org.services[args.service!]}/status`,
            {
              status: args.status,
            },
          );
          if (res.status !== 200) throw new Error(`set-status answered ${res.status}: ${JSON.stringify(res.body)}`);
          return true;
        }
        case 'lantern:stop-api':
          await api!.stop();
          return true;
        case 'lantern:start-api':
          await api!.start();
          return true;
        case 'lantern:pg-world':
          if (!pgApi || !pgReplica) throw new Error('no PostgreSQL world: DATABASE_URL is not set');
          return { a: pgApi.url, b: pgReplica.url } satisfies PgWorld;
        case 'lantern:pg-stop-a':
          await pgApi!.stop();
          return true;
        case 'lantern:pg-start-a':
          await pgApi!.start();
          return true;
        case 'lantern:pg-set-status-via-b': {
          const demo = (await pgReplica!.request('GET', '/api/public/status/demo')).body as {
            data: { organization: { id: string }; services: { id: string; slug: string }[] };
          };
          const service = demo.data.services.find((s) => s.slug === args.service)!;
          const path = `/api/organizations/${demo.data.organization.id}/services/${service.id}/status`;
          const res = await pgReplica!.request('POST', path, { status: args.status });
          if (res.status !== 200) throw new Error(`set-status answered ${res.status}: ${JSON.stringify(res.body)}`);
          return true;
        }
        case 'lantern:log':
          console.log(args.line);
          return true;
        default:
          throw new Error(`unknown command ${command}`);
      }
    },
  };
}
