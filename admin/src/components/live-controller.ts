import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppState, LiveEvent } from '../app-state.ts';

/** Hands the org stream's events to a screen while it is on the page (nothing leaks after it leaves). */
export class LiveController implements ReactiveController {
  private readonly listener = (event: Event) => this.onEvent((event as CustomEvent<LiveEvent>).detail);

  private readonly state: AppState;
  private readonly onEvent: (event: LiveEvent) => void;
  constructor(host: ReactiveControllerHost, state: AppState, onEvent: (event: LiveEvent) => void) {
    this.state = state;
    this.onEvent = onEvent;
    host.addController(this);
  }

  hostConnected(): void {
    this.state.addEventListener('live', this.listener);
  }

  hostDisconnected(): void {
    this.state.removeEventListener('live', this.listener);
  }
}
