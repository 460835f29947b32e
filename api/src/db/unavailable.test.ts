import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('knows a server that cannot be reached', () => {
    for (const error of [
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      withCode('08006'), // connection_failure
      withCode('57P01'), // admin_shutdown
      withCode('57P03'), // cannot_connect_now
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
      new Error('wrapped', { cause: withCode('ETIMEDOUT') }),
    ])
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
  });

  it('leaves statement errors and bugs alone (they keep their own answers)', () => {
    for (const error of [
      withCode('23505'), // unique_violation
      withCode('42501'), // insufficient_privilege
      withCode('57014'), // query_canceled (a statement timeout is the statement's, not the server's)
      new TypeError('Cannot read properties of undefined'),
      'Connection terminated',
      null,
    ])
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
  });
});
