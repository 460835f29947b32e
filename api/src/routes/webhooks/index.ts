import { createWebhook } from './create.ts';
import { listWebhooks } from './list.ts';
import { getWebhook } from './get.ts';
import { updateWebhook } from './update.ts';
import { deleteWebhook } from './delete.ts';
import { testWebhook } from './test.ts';
import { listWebhookDeliveriesRoute } from './deliveries.ts';

export const webhookRoutes = [
  listWebhooks,
  createWebhook,
  getWebhook,
  updateWebhook,
  deleteWebhook,
  testWebhook,
  listWebhookDeliveriesRoute,
];
