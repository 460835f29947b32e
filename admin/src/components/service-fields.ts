import { html, nothing } from 'lit';
import type { Service, ServiceGroup } from '../api-types.ts';
import { field } from './form-field.ts';

export interface ServiceFieldsOptions {
  service?: Pick<Service, 'name' | 'description' | 'group_id'> | null;
  groups: ServiceGroup[];
  /** The API's messages by field (the error body's details). */
  errors: Record<string, string>;
  /** Prefix of the inputs' ids, so two forms on one screen do not clash. */
  idPrefix?: string;
}

/**
 * A service's name, description and group, as fields of the surrounding form (named `name`,
 * `description`, `group_id`), each with the API's message for it. A template, not an element, so
 * the inputs belong to the caller's form.
 */
export function serviceFields({ service, groups, errors, idPrefix = '' }: ServiceFieldsOptions) {
  const id = (name: string) => `${idPrefix}${name}`;
  const describedBy = (name: string) => (errors[name] ? `${id(name)}-error` : nothing);
  return html`${field({
      label: 'Name',
      name: 'name',
      id: id('name'),
      value: service?.name ?? '',
      error: errors.name,
    })}
    <label>
      Description (optional)
      <textarea
        id=${id('description')}
        name="description"
        maxlength="2000"
        .value=${service?.description ?? ''}
        aria-invalid=${errors.description ? 'true' : 'false'}
        aria-describedby=${describedBy('description')}
      ></textarea>
      ${errors.description ? html`<span class="field-error" id="${id('description')}-error">${errors.description}</span>` : nothing}
    </label>
    <label>
      Group
      <select
        id=${id('group_id')}
        name="group_id"
        aria-invalid=${errors.group_id ? 'true' : 'false'}
        aria-describedby=${describedBy('group_id')}
      >
        <option value="" ?selected=${!service?.group_id}>No group</option>
        ${groups.map((group) => html`<option value=${group.id} ?selected=${group.id === service?.group_id}>${group.name}</option>`)}
      </select>
      ${errors.group_id ? html`<span class="field-error" id="${id('group_id')}-error">${errors.group_id}</span>` : nothing}
    </label>`;
}
