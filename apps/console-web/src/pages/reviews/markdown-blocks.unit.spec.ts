import { boldSpans, markdownBlocks } from './markdown-blocks';

describe('markdownBlocks', () => {
  it("reads the review service's headings, lists, tables, paragraphs and rules", () => {
    const markdown = [
      '# Post-incident review: API down',
      '',
      '- Incident: 42',
      '- Severity: urgent',
      '',
      '## Timeline',
      '',
      '| When (UTC) | What |',
      '| --- | --- |',
      '| 12:00 | opened a \\| b |',
      '',
      '1. why one',
      '2. why two',
      '',
      '**Root cause:** a full disk',
      '---',
    ].join('\n');

    expect(markdownBlocks(markdown)).toEqual([
      { kind: 'heading', level: 1, text: 'Post-incident review: API down' },
      { kind: 'list', ordered: false, items: ['Incident: 42', 'Severity: urgent'] },
      { kind: 'heading', level: 2, text: 'Timeline' },
      { kind: 'table', header: ['When (UTC)', 'What'], rows: [['12:00', 'opened a | b']] },
      { kind: 'list', ordered: true, items: ['why one', 'why two'] },
      { kind: 'paragraph', text: '**Root cause:** a full disk' },
      { kind: 'rule' },
    ]);
  });
});

describe('boldSpans', () => {
  it('splits bold from plain text', () => {
    expect(boldSpans('**Root cause:** a full disk')).toEqual([
      { text: 'Root cause:', bold: true },
      { text: ' a full disk', bold: false },
    ]);
  });
});
