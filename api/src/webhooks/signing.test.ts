import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signStandardWebhook } from './signing.ts';

describe('Standard Webhooks signing', () => {
  it('is accepted by the standardwebhooks verifier, and refused once the body changes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'incident.created', data: { n: 1 } });
    const headers = signStandardWebhook(secret, 'msg_1', new Date(), body);
    const verifier = new Webhook(secret);
    expect(verifier.verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => verifier.verify(body.replace('1', '2'), { ...headers })).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow();
  });

  it('signs with the attempt time: a stale timestamp is refused by the verifier', () => {
    const secret = generateWebhookSecret();
    const headers = signStandardWebhook(secret, 'msg_2', new Date(Date.now() - 3600_000), '{}');
    expect(() => new Webhook(secret).verify('{}', { ...headers })).toThrow(/timestamp/i);
  });
});
