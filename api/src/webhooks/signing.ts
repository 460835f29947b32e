import { createHmac, randomBytes } from 'node:crypto';

/**
 * A new signing secret in the Standard Webhooks format: `whsec_` and the base64 of 32 random bytes
 * (the format allows 24–64). Receivers verify with it (e.g. the `standardwebhooks` npm package).
 */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The headers of a signed delivery. */
export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Signs a body the Standard Webhooks way: `v1,` + base64 HMAC-SHA256, keyed with the secret's
 * decoded bytes, of `<id>.<timestamp>.<body>`. The id is the delivery's (the same on every retry, so
 * a receiver can drop a repeat); the timestamp is the attempt's, in seconds (receivers refuse one more
 * than 5 minutes off, so a retry is signed afresh).
 */
export function signStandardWebhook(secret: string, id: string, at: Date, body: string): StandardWebhookHeaders {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
