/** Who writes a timeline entry: a user, an API key, or (both null) a system job. */
export interface Author {
  userId: string | null;
  keyId: string | null;
}

/** The author of a system job's entries. */
export const systemAuthor: Author = { userId: null, keyId: null };

/** When and by whom a write happens: taken once per request (or job round), passed to the domain. */
export interface WriteContext {
  now: Date;
  author: Author;
}
