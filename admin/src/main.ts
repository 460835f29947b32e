// Entry of the admin SPA: the shell, link handling and the org stream; screens load on first use.
import { api, state } from './app-context.ts';
import { interceptLinks } from './router.ts';
import { OrgLive } from './org-live.ts';
import './admin-app.ts';

interceptLinks();
new OrgLive(state, api);
