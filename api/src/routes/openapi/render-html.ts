import type { OpenApiDocument } from '../../http/api-reference.ts';

type Schema = Record<string, unknown>;
interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}

const methods = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head'] as const;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

const slugify = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '-');
const anchor = (name: string) => `schema-${slugify(name)}`;

/** A schema as short, readable pseudo-types; named schemas become links to their section. */
function renderSchema(schema: Schema | undefined, depth = 0): string {
  if (!schema) return '<span class="t">any</span>';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    return `<a href="#${anchor(name)}">${escapeHtml(name)}</a>`;
  }
  const pad = '  '.repeat(depth + 1);
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (variants) return variants.map((v) => renderSchema(v, depth)).join(' | ');
  if (Array.isArray(schema.enum))
    return schema.enum.map((v) => `<span class="s">${escapeHtml(JSON.stringify(v))}</span>`).join(' | ');
  if ('const' in schema) return `<span class="s">${escapeHtml(JSON.stringify(schema.const))}</span>`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type as string | undefined);
  if (type === 'array') return `array of ${renderSchema(schema.items as Schema, depth)}`;
  if (type === 'object' || schema.properties) {
    const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
    if (properties.length === 0) return '<span class="t">object</span>';
    const required = new Set((schema.required ?? []) as string[]);
    const lines = properties.map(
      ([key, value]) => `${pad}${escapeHtml(key)}${required.has(key) ? '' : '?'}: ${renderSchema(value, depth + 1)}`,
    );
    return `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}`;
  }
  const details = [
    schema.format,
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : null,
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `<span class="t">${escapeHtml(type ?? 'any')}</span>${details ? ` <span class="d">(${escapeHtml(details)})</span>` : ''}`;
}

function renderOperation(method: string, path: string, op: Operation): string {
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><pre>${renderSchema(p.schema)}</pre>${p.description ? escapeHtml(p.description) : ''}</td></tr>`,
    )
    .join('');
  const body = Object.entries(op.requestBody?.content ?? {})
    .map(
      ([type, media]) =>
        `<h4>Request body <small>${escapeHtml(type)}</small></h4><pre>${renderSchema(media.schema)}</pre>`,
    )
    .join('');
  const responses = Object.entries(op.responses ?? {})
    .map(([status, response]) => {
      const content = Object.entries(response.content ?? {})
        .map(([type, media]) => `<div><small>${escapeHtml(type)}</small><pre>${renderSchema(media.schema)}</pre></div>`)
        .join('');
      return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(response.description ?? '')}${content}</li>`;
    })
    .join('');
  return `<section class="op" id="${id}">
<h3><span class="m m-${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}</p>
${op.description ? `<p class="desc">${escapeHtml(op.description).replace(/\n\n/g, '<br>')}</p>` : ''}
${params ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${params}</table>` : ''}
${body}
<h4>Responses</h4><ul>${responses}</ul>
</section>`;
}

const style = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2937}main{max-width:960px;margin:0 auto;padding:1rem 1.5rem}
nav a{margin-right:.75rem}h2{border-bottom:2px solid #e5e7eb;padding-top:1rem}.op{border:1px solid #e5e7eb;border-radius:6px;padding:.25rem 1rem;margin:1rem 0}
.m{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:.8em;padding:.1em .4em}.m-get{background:#2563eb}.m-post{background:#059669}
.m-put,.m-patch{background:#d97706}.m-delete{background:#dc2626}pre{background:#f9fafb;padding:.5rem;overflow:auto;margin:.25rem 0}table{border-collapse:collapse}
td,th{border:1px solid #e5e7eb;padding:.25rem .5rem;text-align:left;vertical-align:top}.s{color:#047857}.t{color:#6d28d9}.d{color:#6b7280}.desc{color:#4b5563}`;

/**
 * The whole reference as one self-contained HTML page: no script, no external style, font or image,
 * so it works offline and behind the strictest Content-Security-Policy.
 */
export function renderDocsHtml(document: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(renderOperation(method, path, op));
    }
  }
  const tags = [...byTag.keys()].sort();
  const schemas = Object.entries((document.components?.schemas ?? {}) as Record<string, Schema>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, schema]) =>
        `<section id="${anchor(name)}"><h3>${escapeHtml(name)}</h3><pre>${renderSchema(schema)}</pre></section>`,
    )
    .join('\n');
  const title = escapeHtml(`${document.info.title} ${document.info.version}`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><style>${style}</style></head>
<body><main>
<h1>${title}</h1>
<p>${escapeHtml(document.info.description ?? '')} Machine-readable: <a href="openapi.json">openapi.json</a>. Authenticate with <code>Authorization: Bearer &lt;token or API key&gt;</code>.</p>
<nav>${tags.map((tag) => `<a href="#tag-${slugify(tag)}">${escapeHtml(tag)}</a>`).join('')}<a href="#schemas">schemas</a></nav>
${tags.map((tag) => `<h2 id="tag-${slugify(tag)}">${escapeHtml(tag)}</h2>\n${byTag.get(tag)!.join('\n')}`).join('\n')}
<h2 id="schemas">Schemas</h2>
${schemas}
</main></body></html>`;
}
