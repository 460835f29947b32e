import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

export interface FieldOptions {
  label: string;
  name: string;
  /** The input's id (default: its name); set it when one screen has two inputs of the same name. */
  id?: string;
  type?: string;
  autocomplete?: string;
  required?: boolean;
  value?: string;
  hint?: string;
  /** The API's message for this field (the error body's details), shown under it. */
  error?: string | undefined;
  onInput?: (value: string) => void;
}

/**
 * A labelled input with its hint and inline error tied to it (`aria-describedby`), the same on every
 * form. Inputs are named so a form's values are read with FormData.
 */
export function field(options: FieldOptions): TemplateResult {
  const { label, name, id = name, type = 'text', autocomplete, required = true, value, hint, error, onInput } = options;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<label>
    ${label}
    <input
      id=${id}
      name=${name}
      type=${type}
      autocomplete=${ifDefined(autocomplete)}
      ?required=${required}
      .value=${value ?? ''}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${described || nothing}
      @input=${onInput ? (event: Event) => onInput((event.target as HTMLInputElement).value) : nothing}
    />
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
    ${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : nothing}
  </label>`;
}

/** A form's fields as strings. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...new FormData(form)].map(([key, value]) => [key, String(value)]));
}
