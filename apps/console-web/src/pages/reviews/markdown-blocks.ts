/**
 * The Markdown the review service renders (apps/review render-review-markdown.ts) as blocks: headings,
 * paragraphs, lists, tables, rules. A small reader of that one shape, not a general Markdown parser; the page
 * builds React elements from the blocks, so nothing in a review is ever injected as HTML.
 */
export type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'rule' };

/** A table row's cells; `\|` is a pipe inside a cell. */
export function cellsOf(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let index = 0;
  const take = (matches: (line: string) => boolean): string[] => {
    const taken: string[] = [];
    while (index < lines.length && matches(lines[index] ?? '')) taken.push(lines[index++] ?? '');
    return taken;
  };
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (line.trim() === '') index++;
    else if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      index++;
    } else if (/^---+\s*$/.test(line)) {
      blocks.push({ kind: 'rule' });
      index++;
    } else if (line.startsWith('|')) {
      const [header = '', , ...rows] = take((next) => next.startsWith('|'));
      blocks.push({ kind: 'table', header: cellsOf(header), rows: rows.map(cellsOf) });
    } else if (/^[-*]\s/.test(line)) {
      const items = take((next) => /^[-*]\s/.test(next)).map((item) => item.replace(/^[-*]\s+/, ''));
      blocks.push({ kind: 'list', ordered: false, items });
    } else if (/^\d+\.\s/.test(line)) {
      const items = take((next) => /^\d+\.\s/.test(next)).map((item) => item.replace(/^\d+\.\s+/, ''));
      blocks.push({ kind: 'list', ordered: true, items });
    } else {
      const text = take((next) => next.trim() !== '' && !/^(#|\||[-*]\s|\d+\.\s|---)/.test(next)).join(' ');
      blocks.push({ kind: 'paragraph', text: text || line });
      if (text === '') index++;
    }
  }
  return blocks;
}

/** `**bold**` spans of a line, as alternating plain and bold pieces. */
export function boldSpans(text: string): { readonly text: string; readonly bold: boolean }[] {
  return text
    .split(/\*\*/)
    .map((piece, position) => ({ text: piece, bold: position % 2 === 1 }))
    .filter((piece) => piece.text !== '');
}
