import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../api-error.ts';

/**
 * The state of one form's submission: busy while the call runs, then the API's message (shown as an
 * alert) and its per-field messages (shown next to each field).
 */
export class FormController implements ReactiveController {
  busy = false;
  message = '';
  fields: Record<string, string> = {};

  private readonly host: ReactiveControllerHost;
  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Runs `action`; a failure fills `message` and `fields`. Answers whether it succeeded. */
  async run(action: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.message = '';
    this.fields = {};
    this.host.requestUpdate();
    try {
      await action();
      return true;
    } catch (error) {
      this.message = error instanceof Error ? error.message : String(error);
      if (error instanceof ApiError) {
        this.fields = error.fieldErrors();
        if (error.code === 'validation_failed' && Object.keys(this.fields).length > 0) {
          this.message = 'Please correct the fields marked below.';
        }
      }
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
