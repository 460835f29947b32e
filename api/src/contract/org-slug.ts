/**
 * An organization's slug: lowercase letters, digits and hyphens, 3–48 characters, no hyphen at either
 * end (as the table checks, 0001_tenancy.sql). Anything else names no status page and is refused at once.
 */
export const orgSlugPattern = /^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$/;
