import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs; every request line carries its request id. `destination` (default stdout)
 * lets tests read every line the app writes (e.g. to prove no secret is ever logged).
 */
export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
