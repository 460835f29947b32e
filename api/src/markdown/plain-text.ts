import type { Token } from 'markdown-it';
import { markdown } from './markdown.ts';

// Plain text of a Markdown text, for the surfaces that carry no markup: Statuspage's JSON, the public
// snapshot and stream, feed summaries. Read from the same parse as the HTML, so both agree on what
// is a link or a list; markup characters go, words and link targets stay.

/** The text of one inline run: emphasis dropped, breaks kept, a link's target after its text. */
function inlineText(children: readonly Token[]): string {
  let text = '';
  const links: { href: string; start: number }[] = [];
  for (const token of children) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        text += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        break;
      case 'link_open':
        links.push({ href: String(token.attrGet('href') ?? ''), start: text.length });
        break;
      case 'link_close': {
        const link = links.pop();
        if (!link) break;
        const label = text.slice(link.start);
        const bare = link.href.replace(/^mailto:/i, '');
        if (label !== link.href && label !== bare) text += ` (${link.href})`;
        break;
      }
    }
  }
  return text;
}

/** Readable plain text of a Markdown text: paragraphs apart, list items with `-` or `1.`, code as is. */
export function markdownToText(source: string): string {
  const tokens = markdown.parse(source, {});
  const blocks: { text: string; list: number | null }[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  // Which top-level list a block belongs to: items of one list sit on consecutive lines.
  let listCount = 0;
  // The marker of the list item whose first block comes next, and the indent of its later lines.
  let marker: string | null = null;
  let itemIndent = '';
  const push = (text: string) => {
    const nesting = '  '.repeat(Math.max(0, lists.length - 1));
    const first = marker ?? itemIndent;
    const lines = text.split('\n').map((line, i) => nesting + (i === 0 ? first : itemIndent) + line);
    blocks.push({ text: lines.join('\n'), list: lists.length > 0 ? listCount : null });
    marker = null;
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (lists.length === 0) listCount++;
        lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        itemIndent = '';
        break;
      case 'list_item_open': {
        const list = lists.at(-1);
        marker = list?.ordered ? `${list.next++}. ` : '- ';
        itemIndent = ' '.repeat(marker.length);
        break;
      }
      case 'inline':
        push(inlineText(token.children ?? []));
        break;
      case 'fence':
      case 'code_block':
        push(token.content.replace(/\n$/, ''));
        break;
    }
  }
  return blocks
    .map(
      (block, i) =>
        (i === 0 ? '' : block.list !== null && block.list === blocks[i - 1]!.list ? '\n' : '\n\n') + block.text,
    )
    .join('')
    .trim();
}
