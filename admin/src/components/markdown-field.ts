import { html, nothing, type TemplateResult } from 'lit';
import './markdown-view.ts';

export interface MarkdownFieldOptions {
  label: string;
  /** The form field's name (read with FormData). */
  name: string;
  /** Unique within the screen: ids of the hint, error and preview derive from it. */
  id: string;
  /** The text as typed so far (the host keeps it, to draw the preview). */
  value: string;
  required?: boolean;
  error?: string | undefined;
  onInput: (value: string) => void;
}

/**
 * A textarea for Markdown (updates, post-mortems) with the subset named in its hint and a live
 * preview under it, drawn by the same renderer as the public pages.
 */
export function markdownField(options: MarkdownFieldOptions): TemplateResult {
  const { label, name, id, value, required = false, error, onInput } = options;
  const described = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<label>
      ${label}
      <textarea
        id=${id}
        name=${name}
        ?required=${required}
        .value=${value}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described}
        @input=${(event: Event) => onInput((event.target as HTMLTextAreaElement).value)}
      ></textarea>
      <span class="hint" id="${id}-hint"
        >Markdown: **bold**, _italic_, \`code\`, lists, [links](https://…). No HTML.</span
      >
      ${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : nothing}
    </label>
    ${
      value.trim()
        ? html`<div class="preview" role="group" aria-label="Preview">
            <span class="hint">Preview</span>
            <markdown-view data-preview=${id} .source=${value}></markdown-view>
          </div>`
        : nothing
    }`;
}
