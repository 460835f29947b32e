import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/**
 * Argon2id at OWASP's minimum (19 MiB, t=2, p=1). The demo seed stores hashes made with exactly
 * these, and `verify` reads the parameters from each stored hash, so raising them later is safe.
 */
export const argon2Options = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// Each hash holds 19 MiB for ~tens of ms: cap how many run at once so 100 parallel logins queue
// instead of taking 2 GiB (libuv's pool has 4 threads; more in flight would only wait there).
const maxConcurrentHashes = 4;
let inFlight = 0;
const waiting: Array<() => void> = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (inFlight >= maxConcurrentHashes) await new Promise<void>((resolve) => waiting.push(resolve));
  else inFlight++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter (inFlight stays the same) or free it.
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  }
}

/** How many hashes run right now (at most the cap; for tests and metrics). */
export function passwordHashesInFlight(): number {
  return inFlight;
}

/** Hashes a password (PHC string, Argon2id). */
export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => hash(password, argon2Options));
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks `password` against `stored`. With no stored hash (unknown email, or an account without a
 * password) it verifies against a dummy hash, so both answers take about the same time.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const dummy = await dummyHash;
    await withHashSlot(() => verify(dummy, password));
    return false;
  }
  try {
    return await withHashSlot(() => verify(stored, password));
  } catch {
    // A malformed stored hash is a wrong password, not a 500 that tells the account exists.
    return false;
  }
}
