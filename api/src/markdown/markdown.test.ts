import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown.ts';
import { markdownToText } from './plain-text.ts';

/**
 * Every tag of `html` is one the subset makes, with only the attributes it sets, and every link
 * points at http(s) or mailto. Checked on the markup itself, so a new trick cannot pass by avoiding
 * one blocked word.
 */
function expectOnlySubset(html: string): void {
  const allowed: Record<string, string[]> = {
    p: [],
    br: [],
    em: [],
    strong: [],
    ul: [],
    ol: ['start'],
    li: [],
    code: [],
    pre: [],
    a: ['href', 'rel', 'title'],
  };
  for (const [, name, attributes] of html.matchAll(/<\/?([a-zA-Z0-9-]+)([^>]*)>/g)) {
    expect(Object.keys(allowed), html).toContain(name!.toLowerCase());
    const names = [...attributes!.matchAll(/([^\s=]+)="[^"]*"/g)].map((m) => m[1]);
    for (const attribute of names) expect(allowed[name!.toLowerCase()], html).toContain(attribute);
    // Nothing but well-formed name="value" pairs inside a tag.
    expect(attributes!.replace(/\s*[^\s=]+="[^"]*"/g, '').trim(), html).toBe('');
  }
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:\/\/|mailto:)/i);
  expect(html).not.toMatch(/<(script|img|iframe|svg|style|object|embed|form|input)\b/i);
}

// Hostile input: raw HTML, script in many spellings, links to javascript:/data:/vbscript: in many
// encodings, images, reference definitions and autolinks. None may come out as markup or a link.
const hostile: [string, string][] = [
  ['script tag', '<script>alert(1)</script>'],
  ['script split over lines', '<scr\nipt>alert(1)</script>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['svg onload', '<svg/onload=alert(1)>'],
  ['iframe', '<iframe src="javascript:alert(1)"></iframe>'],
  ['html block', '<div>\n<script>alert(1)</script>\n</div>'],
  ['html comment', '<!-- <script>alert(1)</script> -->'],
  ['inline event attribute', 'text <a href="https://x.test" onclick="alert(1)">x</a>'],
  ['javascript link', '[x](javascript:alert(1))'],
  ['mixed case', '[x](JaVaScRiPt:alert(1))'],
  ['leading space', '[x]( javascript:alert(1))'],
  ['angle destination', '[x](<javascript:alert(1)>)'],
  ['tab inside', '[x](java\tscript:alert(1))'],
  ['entity tab', '[x](java&#x09;script:alert(1))'],
  ['decimal entity', '[x](&#106;avascript:alert(1))'],
  ['hex entity', '[x](&#x6A;avascript:alert(1))'],
  ['named entity colon', '[x](javascript&colon;alert(1))'],
  ['percent encoded', '[x](javascript%3Aalert(1))'],
  ['backslash escape', '[x](javascript\\:alert(1))'],
  ['newline entity', '[x](java&#10;script:alert(1))'],
  ['null byte', '[x](java\u0000script:alert(1))'],
  ['zero width', '[x](java\u200bscript:alert(1))'],
  ['data url', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['vbscript', '[x](vbscript:msgbox(1))'],
  ['file url', '[x](file:///etc/passwd)'],
  ['protocol relative', '[x](//evil.test/)'],
  ['autolink javascript', '<javascript:alert(1)>'],
  ['autolink data', '<data:text/html,<script>alert(1)</script>>'],
  ['autolink vbscript', '<vbscript:msgbox(1)>'],
  ['bare javascript', 'javascript:alert(1)'],
  ['reference definition', '[x][r]\n\n[r]: javascript:alert(1)'],
  ['reference shortcut', '[r]\n\n[r]: javascript:alert(1)'],
  ['image', '![x](https://evil.test/x.png)'],
  ['image onerror', '![x" onerror="alert(1)](https://evil.test/x.png)'],
  ['title attribute break-out', '[x](https://ok.test "a\\" onmouseover=\\"alert(1)")'],
  ['href quote break-out', '[x](https://ok.test/"onmouseover="alert(1))'],
  ['link in code', '`<script>alert(1)</script>` and\n\n```html\n<img src=x onerror=alert(1)>\n```'],
  ['style tag', '<style>body{display:none}</style>'],
  ['nested link text html', '[<img src=x onerror=alert(1)>](https://ok.test)'],
];

describe('markdownToHtml on hostile input', () => {
  it.each(hostile)('%s: only the subset comes out', (_name, source) => {
    const html = markdownToHtml(source);
    expectOnlySubset(html);
    expect(html).not.toMatch(/href="(?!https?:\/\/|mailto:)/i);
    // Attribute values are escaped text; outside them, no event handler attribute.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son\w+=/i);
  });

  it('escapes raw HTML as text instead of dropping it', () => {
    expect(markdownToHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expect(markdownToHtml('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>\n');
  });

  it('leaves a refused link as its literal text', () => {
    expect(markdownToHtml('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n');
    expect(markdownToHtml('<javascript:alert(1)>')).toBe('<p>&lt;javascript:alert(1)&gt;</p>\n');
  });

  it('renders an image as a link to it at most, never as an image', () => {
    expect(markdownToHtml('![x](https://evil.test/x.png)')).not.toContain('<img');
  });
});

describe('markdownToHtml on the subset', () => {
  const rel = 'rel="nofollow ugc noopener noreferrer"';

  it.each([
    [
      'emphasis and strong',
      'a *b* _c_ **d** __e__',
      '<p>a <em>b</em> <em>c</em> <strong>d</strong> <strong>e</strong></p>\n',
    ],
    ['line breaks', 'one\ntwo', '<p>one<br>\ntwo</p>\n'],
    ['paragraphs', 'one\n\ntwo', '<p>one</p>\n<p>two</p>\n'],
    ['inline code', 'run `a < b`', '<p>run <code>a &lt; b</code></p>\n'],
    ['fenced code', '```\nx <b>\n```', '<pre><code>x &lt;b&gt;\n</code></pre>\n'],
    ['bullet list', '- a\n- b', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n'],
    ['ordered list', '3. a\n4. b', '<ol start="3">\n<li>a</li>\n<li>b</li>\n</ol>\n'],
    [
      'https link',
      '[docs](https://example.com/a?b=1&c=2)',
      `<p><a href="https://example.com/a?b=1&amp;c=2" ${rel}>docs</a></p>\n`,
    ],
    [
      'mailto link',
      '[mail us](mailto:ops@example.com)',
      `<p><a href="mailto:ops@example.com" ${rel}>mail us</a></p>\n`,
    ],
    ['autolink', '<https://example.com>', `<p><a href="https://example.com" ${rel}>https://example.com</a></p>\n`],
    [
      'bare URL',
      'see https://example.com/x.',
      `<p>see <a href="https://example.com/x" ${rel}>https://example.com/x</a>.</p>\n`,
    ],
    ['no fuzzy links', 'example.com', '<p>example.com</p>\n'],
    ['headings stay text', '# Title', '<p># Title</p>\n'],
  ])('%s', (_name, source, expected) => {
    expect(markdownToHtml(source)).toBe(expected);
  });
});

describe('markdownToText', () => {
  it.each([
    ['plain stays plain', 'All good now.', 'All good now.'],
    ['emphasis dropped', 'We are **investigating** _errors_', 'We are investigating errors'],
    ['link keeps its target', 'See [status](https://example.com)', 'See status (https://example.com)'],
    ['autolink once', '<https://example.com>', 'https://example.com'],
    ['mailto once', '<ops@example.com>', 'ops@example.com'],
    ['paragraphs', 'one\n\ntwo', 'one\n\ntwo'],
    ['line break', 'one\ntwo', 'one\ntwo'],
    ['lists', '- a\n- b\n\n1. c\n2. d', '- a\n- b\n\n1. c\n2. d'],
    ['nested list', '- a\n  - b', '- a\n  - b'],
    ['code block as is', '```\nx = *1*\n```', 'x = *1*'],
    ['inline code as is', 'run `rm *`', 'run rm *'],
    ['raw HTML stays literal text', '<b>hi</b>', '<b>hi</b>'],
    ['refused link stays literal', '[x](javascript:alert(1))', '[x](javascript:alert(1))'],
    ['escapes resolved', '\\*not emphasis\\*', '*not emphasis*'],
  ])('%s', (_name, source, expected) => {
    expect(markdownToText(source)).toBe(expected);
  });
});

describe('pathological input', () => {
  // Updates are at most 10,000 characters and post-mortems 50,000. Rendering and stripping 50,000
  // characters built to be slow takes a few hundred milliseconds (linear in the input); a parser that
  // went quadratic on one of them would take far longer than the bound, which leaves room for a busy
  // machine. The bound guards the renders and the stream against a hostile author.
  const bombs: [string, string][] = [
    ['nested emphasis', '*'.repeat(25_000) + 'a' + '*'.repeat(25_000)],
    ['alternating emphasis', '*_'.repeat(25_000)],
    ['unclosed links', '[a]('.repeat(12_500)],
    ['nested brackets', '['.repeat(25_000) + ']'.repeat(25_000)],
    ['backticks', '`'.repeat(50_000)],
    ['entities', '&#x6A;'.repeat(8_000)],
    ['deep lists', Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i % 40) + '- x').join('\n')],
    ['autolink starts', '<a'.repeat(25_000)],
    ['long line of URLs', 'https://a.test/ '.repeat(3_000)],
  ];

  it.each(bombs)('%s renders and strips within the bound', (_name, source) => {
    const started = performance.now();
    const html = markdownToHtml(source);
    const text = markdownToText(source);
    const elapsed = performance.now() - started;
    expectOnlySubset(html);
    expect(text).not.toContain('<a ');
    expect(elapsed).toBeLessThan(5_000);
  });
});
