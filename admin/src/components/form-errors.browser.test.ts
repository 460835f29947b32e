// A form's errors in Chromium: FormController turns the API's error body into a message and
// per-field messages (its `details`), and field()/serviceFields() show each next to its input.
import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { ApiError } from '../api-error.ts';
import type { ServiceGroup } from '../api-types.ts';
import { FormController } from './form-controller.ts';
import { field } from './form-field.ts';
import { serviceFields } from './service-fields.ts';

const groups: ServiceGroup[] = [
  { id: '00000000-0000-4000-8000-0000000000a1', name: 'Core', position: 0, created_at: '', updated_at: '' },
];

/** A form as the screens build it: one FormController, the shared field templates. */
class TestForm extends LitElement {
  readonly form = new FormController(this);
  override render() {
    const { message, fields } = this.form;
    return html`<form>
      ${serviceFields({ groups, errors: fields, idPrefix: 'add-' })}
      ${field({ label: 'Email', name: 'email', type: 'email', hint: 'We mail a link.', error: fields.email })}
      ${message ? html`<p class="error" role="alert">${message}</p>` : ''}
    </form>`;
  }
}
customElements.define('test-form', TestForm);

const validationBody = {
  error: {
    code: 'validation_failed',
    message: 'The request is invalid',
    details: [
      { path: ['name'], message: 'Too small: expected string to have >=1 characters', code: 'too_small' },
      { path: ['group_id'], message: 'No such service group in this organization', code: 'custom' },
      { path: ['name'], message: 'A second message for the same field', code: 'custom' },
      { path: [], message: 'Unrecognized key: "colour"', code: 'unrecognized_keys' },
    ],
    requestId: 'req-1',
  },
};

const inputOf = (el: TestForm, id: string) => el.shadowRoot!.getElementById(id) as HTMLInputElement;
const describedText = (el: TestForm, id: string) =>
  (inputOf(el, id).getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((ref) => el.shadowRoot!.getElementById(ref)?.textContent);

afterEach(() => fixtureCleanup());

describe('form errors from the error body', () => {
  it("puts each field's first message next to it, tied by aria-describedby and marked invalid", async () => {
    const el = await fixture<TestForm>(html`<test-form></test-form>`);
    expect(await el.form.run(() => Promise.reject(new ApiError(422, validationBody)))).to.equal(false);
    await el.updateComplete;
    expect(inputOf(el, 'add-name').getAttribute('aria-invalid')).to.equal('true');
    expect(describedText(el, 'add-name')).to.deep.equal(['Too small: expected string to have >=1 characters']);
    expect(inputOf(el, 'add-group_id').getAttribute('aria-invalid')).to.equal('true');
    expect(describedText(el, 'add-group_id')).to.deep.equal(['No such service group in this organization']);
    expect(inputOf(el, 'add-description').getAttribute('aria-invalid')).to.equal('false');
    expect(inputOf(el, 'email').getAttribute('aria-invalid')).to.equal('false');
    expect(describedText(el, 'email')).to.deep.equal(['We mail a link.']);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(
      'Please correct the fields marked below.',
    );
  });

  it("an error without field details shows the API's own message; a success clears everything", async () => {
    const el = await fixture<TestForm>(html`<test-form></test-form>`);
    await el.form.run(() => Promise.reject(new ApiError(422, validationBody)));
    const conflict = { error: { code: 'conflict', message: 'A service with this slug exists', requestId: 'req-2' } };
    await el.form.run(() => Promise.reject(new ApiError(409, conflict)));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('A service with this slug exists');
    expect(inputOf(el, 'add-name').getAttribute('aria-invalid')).to.equal('false');

    expect(await el.form.run(() => Promise.resolve())).to.equal(true);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('a network failure says the server cannot be reached', async () => {
    const el = await fixture<TestForm>(html`<test-form></test-form>`);
    await el.form.run(() => Promise.reject(new ApiError(0, null)));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('The server cannot be reached');
  });

  it('while the call runs the form is busy', async () => {
    const el = await fixture<TestForm>(html`<test-form></test-form>`);
    let finish!: () => void;
    const running = el.form.run(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(el.form.busy).to.equal(true);
    finish();
    await running;
    expect(el.form.busy).to.equal(false);
  });
});
