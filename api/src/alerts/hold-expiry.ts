/** Alertmanager's zero time, which it sends as the `endsAt` of every firing alert. */
const zeroTimeYear = 1;

/** The alert's own end when it carries a real one (after its start), else null. */
export function realEndsAt(startsAt: Date, endsAt: string): Date | null {
  const end = new Date(endsAt);
  if (Number.isNaN(end.getTime()) || end.getUTCFullYear() <= zeroTimeYear || end <= startsAt) return null;
  return end;
}

/**
 * When a firing alert's hold lapses unless it is received again: its own `endsAt` when it has one
 * (senders other than Alertmanager may set it), else `holdTimeoutSeconds` after now. Alertmanager
 * repeats a firing group every `repeat_interval`, so the timeout must be longer than that.
 */
export function holdExpiresAt(now: Date, endsAt: Date | null, holdTimeoutSeconds: number): Date {
  return endsAt && endsAt > now ? endsAt : new Date(now.getTime() + holdTimeoutSeconds * 1000);
}
