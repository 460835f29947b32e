import type { IgnoredReason } from './types.ts';

type Listener = (reason: IgnoredReason) => void;
const listeners = new Set<Listener>();

/**
 * Subscribes to alerts the receiver counted but did not apply (no service label, an unknown service,
 * a Watchdog, a status label saying `operational`); called once per alert after its webhook
 * committed. The metrics module wires its counter here. Returns the unsubscribe function.
 */
export function onAlertIgnored(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener; a failing listener never fails the webhook. */
export function reportIgnoredAlerts(reasons: readonly IgnoredReason[]): void {
  for (const reason of reasons) {
    for (const listener of listeners) {
      try {
        listener(reason);
      } catch {
        // A metrics hook must not turn a stored alert into a retried webhook.
      }
    }
  }
}
