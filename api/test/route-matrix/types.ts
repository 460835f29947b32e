import type { ApiKeyScope } from '../../src/contract/roles.ts';
import type { TestContext } from '../test-app.ts';
import type { MatrixWorld } from './world.ts';

/** The callers every row answers for (besides one API key of org A per scope, see `keys`). */
export const personCallers = ['anonymous', 'outsider', 'viewer', 'member', 'admin', 'otherAdmin', 'otherKey'] as const;
export type PersonCaller = (typeof personCallers)[number];

/** A caller of one matrix case: a person above, or `key:<scope>` (an API key of org A with that one scope). */
export type CallerName = PersonCaller | `key:${ApiKeyScope}`;

/** An expected HTTP status, or the name of another caller meaning "same as that caller". */
export type Expected = number | CallerName;

/** What a row sends: values for the path's `{params}`, and optionally a query, JSON or raw body. */
export interface MatrixRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  body?: RequestInit['body'];
  headers?: Record<string, string>;
}

/** What a row's `request` gets: the test app and a fresh world (org A and B, their people and keys). */
export interface MatrixCaseContext {
  t: TestContext;
  world: MatrixWorld;
  caller: CallerName;
}

/** One row of the matrix: how to call the route against org A, and what each caller must get. */
export interface MatrixRow {
  /** Builds the request; may create what the route needs first (an invitation, a second member…). */
  request(ctx: MatrixCaseContext): MatrixRequest | Promise<MatrixRequest>;
  expect: Record<PersonCaller, Expected> & {
    /** API keys of org A, one per scope: `default` for every scope not named. */
    keys: Partial<Record<ApiKeyScope, Expected>> & { default: Expected };
  };
}

/** Rows keyed by "METHOD /path/{pattern}" exactly as the route table spells the path. */
export type MatrixRows = Record<string, MatrixRow>;
