import { EnvError } from './env.ts';
import { FolderLockedError } from './db/folder-lock.ts';

/** What start-up was doing when it failed: the failure's line names it. */
export type StartupStep = 'config' | 'database' | 'migrate' | 'start' | 'listen';

export interface StartupContext {
  port?: number | undefined;
  host?: string | undefined;
  databaseUrl?: string | undefined;
}

/** Where DATABASE_URL points, without its user or password (the line goes to a terminal or a log). */
export function databaseTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the server of DATABASE_URL';
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Codes a failed connection attempt carries (Node's socket errors and PostgreSQL's connection-time
// SQLSTATEs: 28xxx authentication, 3D000 no such database, 57P03 starting up).
const connectionCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);
function isConnectionFailure(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && (connectionCodes.has(code) || /^28|^3D000$|^57P03$/.test(code));
}

/**
 * The one line a failed start ends with: what went wrong, in the user's terms, and what to do about
 * it. Users of `npm start` read this line, not a stack trace; the structured log keeps the detail.
 */
export function describeStartupFailure(error: unknown, step: StartupStep, context: StartupContext = {}): string {
  if (error instanceof EnvError || error instanceof FolderLockedError) return error.message;
  const code = errorCode(error);
  if (step === 'listen' && code === 'EADDRINUSE') {
    return (
      `Port ${context.port} is already in use by another program. Stop it, or choose another port: ` +
      `PORT=${(context.port ?? 3000) + 1} npm start`
    );
  }
  if (step === 'listen' && code === 'EACCES') {
    return `Not allowed to listen on port ${context.port} (ports below 1024 need privileges): choose another with PORT=.`;
  }
  if (step === 'listen' && code === 'EADDRNOTAVAIL') {
    return `HOST=${context.host} is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0.`;
  }
  if ((step === 'database' || step === 'migrate') && context.databaseUrl && isConnectionFailure(error)) {
    return (
      `Cannot connect to the PostgreSQL server at ${databaseTarget(context.databaseUrl)}: ${message(error)}. ` +
      `Start it or fix DATABASE_URL; without DATABASE_URL Lantern uses its embedded database.`
    );
  }
  if (step === 'migrate') return `The database migration failed: ${message(error)}`;
  if (step === 'database') return `Could not open the database: ${message(error)}`;
  return `Lantern could not start: ${message(error)}`;
}
