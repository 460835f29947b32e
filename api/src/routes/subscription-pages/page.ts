import { escapeHtml } from '../../subscribers/render-mail.ts';

/**
 * The small HTML page of every subscription answer (the form post's "check your inbox", confirm,
 * manage, unsubscribe): self-contained, no script, in the org's colour. `body` is trusted HTML built
 * with escapeHtml by the caller.
 */
export function subscriptionPage({
  title,
  body,
  orgName,
  color = '#2563eb',
}: {
  title: string;
  body: string;
  orgName?: string;
  color?: string;
}): string {
  const accent = /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#2563eb';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}${orgName ? ` · ${escapeHtml(orgName)}` : ''}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#111;background:#f6f7f9}
main{max-width:32rem;margin:3rem auto;background:#fff;border-top:4px solid ${accent};padding:1.5rem 2rem;border-radius:6px;box-shadow:0 1px 3px #0002}
button{background:${accent};color:#fff;border:0;padding:.55rem 1.1rem;border-radius:4px;font-size:1rem;cursor:pointer}
label{display:block;margin:.3rem 0}
fieldset{border:1px solid #ddd;border-radius:4px;margin:1rem 0}
</style></head>
<body><main>${orgName ? `<p><strong>${escapeHtml(orgName)}</strong></p>` : ''}<h1>${escapeHtml(title)}</h1>
${body}</main></body></html>`;
}
