/** A database time (Date from the drivers, or text) as ISO 8601 UTC. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** `iso`, keeping null. */
export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}
