import { subscribeToStatusPage } from './subscribe.ts';
import { oneClickUnsubscribe } from './one-click-unsubscribe.ts';
import { listSubscribers } from './list.ts';
import { exportSubscribers } from './export.ts';
import { deleteSubscriber } from './delete.ts';

export const subscriberRoutes = [
  subscribeToStatusPage,
  oneClickUnsubscribe,
  listSubscribers,
  exportSubscribers,
  deleteSubscriber,
];
