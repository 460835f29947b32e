import { pino, type Logger } from 'pino';

/** Structured JSON logs; every request line carries its request id. */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

export type { Logger };
