import { computeConsumerLag } from './consumer-lag';

describe('computeConsumerLag', () => {
  it('is the high watermark minus the committed offset, per partition', () => {
    const lag = computeConsumerLag(
      [
        { partition: 1, low: '0', high: '40' },
        { partition: 0, low: '0', high: '10' },
      ],
      [
        { partition: 0, offset: '10' },
        { partition: 1, offset: '25' },
      ],
    );
    expect(lag).toEqual([
      { partition: 0, lag: 0 },
      { partition: 1, lag: 15 },
    ]);
  });

  it('counts everything retained on a partition the group never committed', () => {
    expect(computeConsumerLag([{ partition: 0, low: '5', high: '12' }], [{ partition: 0, offset: '-1' }])).toEqual([
      { partition: 0, lag: 7 },
    ]);
    expect(computeConsumerLag([{ partition: 3, low: '0', high: '2' }], [])).toEqual([{ partition: 3, lag: 2 }]);
  });

  it('is never negative, even when a commit races ahead of the watermark read', () => {
    expect(computeConsumerLag([{ partition: 0, low: '0', high: '9' }], [{ partition: 0, offset: '10' }])).toEqual([
      { partition: 0, lag: 0 },
    ]);
  });
});
