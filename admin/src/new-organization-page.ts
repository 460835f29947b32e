import { LitElement, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { api, state } from './app-context.ts';
import { navigate } from './router.ts';
import { baseStyles } from './styles.ts';
import { field, formValues } from './components/form-field.ts';
import { FormController } from './components/form-controller.ts';

/** The slug a name suggests (`Acme Cloud` → `acme-cloud`), until the user edits the slug. */
function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** /admin/organizations/new: creates an organization; its creator is its admin. */
@customElement('new-organization-page')
export class NewOrganizationPage extends LitElement {
  @reactive() private accessor name = '';
  @reactive() private accessor slug = '';
  private slugEdited = false;
  private form = new FormController(this);
  static override styles = baseStyles;

  override render() {
    const { busy, message, fields } = this.form;
    const first = (state.me?.organizations.length ?? 0) === 0;
    return html`<section class="card narrow">
      <h1 tabindex="-1">${first ? 'Create your first organization' : 'New organization'}</h1>
      <form @submit=${this.submit} novalidate>
        ${field({
          label: 'Name',
          name: 'name',
          autocomplete: 'organization',
          value: this.name,
          error: fields.name,
          onInput: (value) => {
            this.name = value;
            if (!this.slugEdited) this.slug = suggestSlug(value);
          },
        })}
        ${field({
          label: 'Slug',
          name: 'slug',
          value: this.slug,
          hint: `The public page's address: /status/${this.slug || 'your-slug'}/`,
          error: fields.slug,
          onInput: (value) => {
            this.slug = value;
            this.slugEdited = true;
          },
        })}
        ${message ? html`<p class="error" role="alert">${message}</p>` : nothing}
        <button type="submit" ?disabled=${busy}>${busy ? 'Creating…' : 'Create organization'}</button>
      </form>
    </section>`;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const { name = '', slug = '' } = formValues(event.target as HTMLFormElement);
    let orgId = '';
    const ok = await this.form.run(async () => {
      orgId = (await api.organizations.create({ name, slug })).id;
      await state.reload();
    });
    if (!ok) return;
    state.switchOrg(orgId);
    navigate('services');
  }
}
