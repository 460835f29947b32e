import { serve } from '@hono/node-server';
import { createServer, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app.ts';
import type { Deps } from './app-env.ts';
import { withFastLane } from './fast-lane.ts';

export interface ListenOptions {
  port: number;
  hostname?: string;
  serverOptions?: ServerOptions;
}

/**
 * Starts the app on node:http the way production runs it: @hono/node-server's listener behind the
 * public fast lane (fast-lane.ts). serve.ts, the multi-process test server, the benchmarks and the
 * stream tests all listen through here.
 */
export function listen(
  app: App,
  deps: Deps,
  { port, hostname, serverOptions = {} }: ListenOptions,
  onListening?: (info: AddressInfo) => void,
): Server {
  return serve(
    {
      fetch: app.fetch,
      port,
      ...(hostname === undefined ? {} : { hostname }),
      serverOptions,
      createServer: ((options: ServerOptions, listener: Parameters<typeof createServer>[1]) =>
        createServer(options, withFastLane(deps, listener!))) as typeof createServer,
    },
    onListening,
  ) as Server;
}
