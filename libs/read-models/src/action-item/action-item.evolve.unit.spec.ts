import { type DirectoryTerms, NO_TERMS } from '../directory-terms/directory-terms';
import { event, minute, projected } from '../testing-support/projected';
import type { ActionItem } from './action-item.entity';
import { evolveActionItems } from './action-item.evolve';

const TERMS: DirectoryTerms = { ...NO_TERMS, teamOf: (person) => ({ dave: 'app-support' })[person] };
const added = (actionItemId: string, owner: string, dueDate: string) =>
  event('ActionItemAdded', {
    actionItemId,
    kind: 'preventive',
    title: `item ${actionItemId}`,
    owner,
    dueDate,
    ticketUrl: `https://tickets.example/${actionItemId}`,
    addedAt: minute(1),
  });
const after = (terms: DirectoryTerms, ...events: ReturnType<typeof event>[]) =>
  events.reduce<readonly ActionItem[]>(
    (rows, next, revision) => evolveActionItems(rows, projected(next, revision), terms),
    [],
  );

describe('action items', () => {
  describe('when an item is added', () => {
    it('keeps the owner’s team of the directory then in force, the due time and the ticket', () => {
      const [row] = after(TERMS, added('a-1', 'dave', '2026-12-15'));
      expect(row).toMatchObject({
        ownerTeam: 'app-support',
        dueDate: '2026-12-15',
        dueAt: new Date('2026-12-16T00:00:00.000Z'),
        ticketUrl: 'https://tickets.example/a-1',
        status: 'open',
        evidence: null,
      });
    });

    it('has no team for an owner in none, or before any directory', () => {
      expect(after(TERMS, added('a-1', 'zoe', '2026-12-15'))[0]?.ownerTeam).toBeNull();
      expect(after(NO_TERMS, added('a-1', 'dave', '2026-12-15'))[0]?.ownerTeam).toBeNull();
    });

    it('keeps a due timestamp as the instant, and its UTC day', () => {
      const [row] = after(TERMS, added('a-1', 'dave', '2026-12-15T23:30:00-02:00'));
      expect(row).toMatchObject({ dueDate: '2026-12-16', dueAt: new Date('2026-12-16T01:30:00.000Z') });
    });
  });

  describe('when an item is completed', () => {
    it('records who did it, when, and the evidence, and leaves the other items open', () => {
      const done = event('ActionItemCompleted', {
        actionItemId: 'a-1',
        evidence: 'https://git.example/merge/7',
        completedBy: 'dave',
        completedAt: minute(90),
      });
      const rows = after(TERMS, added('a-1', 'dave', '2026-12-15'), added('a-2', 'dave', '2026-12-20'), done);
      expect(
        rows.map(({ actionItemId, status, completedBy, evidence }) => ({
          actionItemId,
          status,
          completedBy,
          evidence,
        })),
      ).toEqual([
        { actionItemId: 'a-1', status: 'completed', completedBy: 'dave', evidence: 'https://git.example/merge/7' },
        { actionItemId: 'a-2', status: 'open', completedBy: null, evidence: null },
      ]);
    });
  });
});
