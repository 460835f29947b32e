import { createApi } from './api.ts';
import { AppState } from './app-state.ts';

/** The app's one API client and state, shared by every screen. */
export const api = createApi();
export const state = new AppState(api);
