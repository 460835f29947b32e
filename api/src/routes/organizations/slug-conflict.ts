import { conflict } from '../../errors.ts';

/** Runs `fn`; a unique violation (the slug, or a slug kept as another org's alias) becomes a clear 409. */
export async function slugTakenOnConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') {
      throw conflict('This slug is taken (by another organization, or kept as its former slug)');
    }
    throw error;
  }
}
