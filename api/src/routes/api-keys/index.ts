import { createApiKey } from './create.ts';
import { listApiKeys } from './list.ts';
import { revokeApiKey } from './delete.ts';

export const apiKeyRoutes = [createApiKey, listApiKeys, revokeApiKey];
