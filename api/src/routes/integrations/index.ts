import { receiveAlertmanagerWebhook } from './receive.ts';
import { getAlertmanagerSettings } from './settings-get.ts';
import { putAlertmanagerSettings } from './settings-put.ts';

export const integrationRoutes = [receiveAlertmanagerWebhook, getAlertmanagerSettings, putAlertmanagerSettings];
