import { decodeCursor, encodeCursor, InvalidCursor } from './incident-cursor';

describe('incident list cursor', () => {
  it('round-trips the position it was made from', () => {
    const cursor = {
      openedAt: new Date('2026-11-20T09:00:00.123Z'),
      incidentId: 'a2b1c3d4-0000-4000-8000-000000000001',
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    'not-a-cursor',
    Buffer.from('{"x":1}').toString('base64url'),
    Buffer.from('["nope","id"]').toString('base64url'),
  ])('refuses %s', (text) => {
    expect(() => decodeCursor(text)).toThrow(InvalidCursor);
  });
});
