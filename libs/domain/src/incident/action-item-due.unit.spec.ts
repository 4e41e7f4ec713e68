import { actionItemDueAt } from './action-item-due';

describe('actionItemDueAt', () => {
  it('a day falls due when it ends, at the start of the next UTC day', () => {
    expect(actionItemDueAt('2026-12-31').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('a timestamp falls due at that instant', () => {
    expect(actionItemDueAt('2026-12-01T09:30:00+01:00').toISOString()).toBe('2026-12-01T08:30:00.000Z');
  });
});
