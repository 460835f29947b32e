import MarkdownIt, { type MarkdownIt as Parser } from 'markdown-it';

// The one Markdown dialect of incident and maintenance updates and post-mortems, shared by the API
// (feeds, plain text for the JSON surfaces), the static pages (site/) and the admin's preview. It is a
// small subset on purpose: paragraphs and line breaks, emphasis, strong, lists, inline code, code
// blocks, and links to http(s) and mailto addresses. Everything else stays literal text: raw HTML is
// escaped (html: false), and images, headings, tables, quotes and link definitions are not parsed.

/** Link targets we allow, checked on the normalised URL (after entity and percent handling). */
const allowedLink = /^(?:https?:\/\/|mailto:)/i;

/** True for a URL a rendered link may point at; anything else (javascript:, data:, relative) stays text. */
export function isAllowedLink(url: string): boolean {
  return allowedLink.test(url);
}

function createParser(): Parser {
  const md = new MarkdownIt('zero', { html: false, breaks: true, linkify: true });
  md.enable(['code', 'fence', 'list', 'paragraph']);
  md.enable(['autolink', 'backticks', 'emphasis', 'entity', 'escape', 'link', 'linkify', 'newline', 'text']);
  // Bare addresses become links only with their scheme (`https://…`, `mailto:…`), never `example.com`.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  // Every way a link is made (inline, autolink, linkify) asks this; an allowlist, so encodings of
  // javascript:, data: or vbscript: that the normaliser leaves odd still fail.
  md.validateLink = isAllowedLink;
  const openLink = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    // User content: no referrer, no opener, and a hint to crawlers that we do not vouch for it.
    tokens[index]!.attrSet('rel', 'nofollow ugc noopener noreferrer');
    return openLink ? openLink(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
  };
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    // The info string (```html) would become a class name chosen by the author: leave it out.
    tokens[index]!.info = '';
    return fence(tokens, index, options, env, self);
  };
  return md;
}

/** The configured parser (one per module: markdown-it keeps no state between calls). */
export const markdown = createParser();

/** Sanitised HTML of a Markdown text: safe to insert into a page as is. */
export function markdownToHtml(source: string): string {
  return markdown.render(source);
}
