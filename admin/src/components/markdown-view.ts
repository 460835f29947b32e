import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

type Renderer = (source: string) => string;
let renderer: Promise<Renderer> | null = null;

/**
 * The renderer the static pages use (api/src/markdown/), fetched as its own chunk the first time a
 * screen shows Markdown, so it never weighs on the first load.
 */
function loadRenderer(): Promise<Renderer> {
  return (renderer ??= import('../../../api/src/markdown/markdown.ts').then((m) => m.markdownToHtml));
}

/**
 * `<markdown-view>`: an update message or post-mortem rendered as the public page shows it (the
 * timeline, and the preview under a text being written). The renderer escapes raw HTML and makes
 * links only to http(s) and mailto, so its HTML is inserted as it is; until it has loaded (or if it
 * cannot), the text shows as plain text.
 *
 * @csspart base - the rendered block
 */
@customElement('markdown-view')
export class MarkdownView extends LitElement {
  /** The Markdown text. */
  @property() accessor source = '';
  @state() private accessor renderMarkdown: Renderer | null = null;

  static override styles = css`
    :host {
      display: block;
      overflow-wrap: anywhere;
    }
    .plain {
      white-space: pre-wrap;
    }
    .markdown {
      white-space: normal;
    }
    pre {
      white-space: pre;
    }
    .markdown > :first-child {
      margin-top: 0;
    }
    .markdown > :last-child {
      margin-bottom: 0;
    }
    p,
    ul,
    ol,
    pre {
      margin: 0.4rem 0;
    }
    ul,
    ol {
      padding-left: 1.5rem;
    }
    a {
      color: var(--accent);
    }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.9em;
    }
    pre {
      overflow-x: auto;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--border);
      border-radius: 6px;
      overflow-wrap: normal;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.renderMarkdown)
      loadRenderer().then(
        (render) => (this.renderMarkdown = render),
        () => undefined,
      );
  }

  override render() {
    const render = this.renderMarkdown;
    return render
      ? html`<div class="markdown" part="base">${unsafeHTML(render(this.source))}</div>`
      : html`<div class="plain" part="base">${this.source}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'markdown-view': MarkdownView;
  }
}
