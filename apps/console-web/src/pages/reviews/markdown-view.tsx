import { Divider, List, Table, Text, Title, type TitleOrder } from '@mantine/core';
import { type Block, boldSpans, markdownBlocks } from './markdown-blocks';

function Inline({ text }: { readonly text: string }) {
  return (
    <>{boldSpans(text).map((piece, index) => (piece.bold ? <strong key={index}>{piece.text}</strong> : piece.text))}</>
  );
}

function BlockView({ block }: { readonly block: Block }) {
  switch (block.kind) {
    case 'heading':
      return (
        <Title order={Math.min(6, block.level + 1) as TitleOrder} mt="md">
          <Inline text={block.text} />
        </Title>
      );
    case 'paragraph':
      return (
        <Text size="sm" my="xs">
          <Inline text={block.text} />
        </Text>
      );
    case 'list':
      return (
        <List type={block.ordered ? 'ordered' : 'unordered'} size="sm" my="xs">
          {block.items.map((item, index) => (
            <List.Item key={index}>
              <Inline text={item} />
            </List.Item>
          ))}
        </List>
      );
    case 'table':
      return (
        <Table my="xs">
          <Table.Thead>
            <Table.Tr>
              {block.header.map((cell, index) => (
                <Table.Th key={index} scope="col">
                  {cell}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {block.rows.map((row, rowIndex) => (
              <Table.Tr key={rowIndex}>
                {row.map((cell, index) => (
                  <Table.Td key={index}>{cell}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    case 'rule':
      return <Divider my="md" />;
  }
}

/** A published review. Its first heading becomes the page's h2, under the page's own h1. */
export function MarkdownView({ markdown }: { readonly markdown: string }) {
  return (
    <article className="markdown">
      {markdownBlocks(markdown).map((block, index) => (
        <BlockView key={index} block={block} />
      ))}
    </article>
  );
}
