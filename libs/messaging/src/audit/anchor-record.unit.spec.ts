import { generateSigningKey, parseSigningKey, planAnchors } from '@incident/event-store';
import { anchorRecord, parseAnchorRecord } from './anchor-record';

const key = parseSigningKey(generateSigningKey());
const [anchor] = planAnchors(
  {
    previous: undefined,
    heads: new Map([['incident-1', { revision: 3, hash: 'a'.repeat(64) }]]),
    throughPosition: 4n,
    checkpoint: '1:4',
    anchoredAt: new Date('2026-11-22T04:00:00Z'),
    maxLeaves: 10,
  },
  key,
);

describe('an audit.anchors record', () => {
  it('is keyed by the sequence and reads back as the same anchor', () => {
    const record = anchorRecord(anchor!);
    expect(record.key).toBe('0');
    expect(parseAnchorRecord(Buffer.from(record.value as string))).toEqual(anchor);
  });

  it('says why a record is no anchor', () => {
    expect(parseAnchorRecord(null)).toBe('the record is empty');
    expect(parseAnchorRecord(Buffer.from('{"sequence":'))).toBe('the record is not JSON');
    expect(parseAnchorRecord(Buffer.from(JSON.stringify({ ...anchor, leaves: 'none' })))).toBe(
      'the record is not an anchor',
    );
  });
});
