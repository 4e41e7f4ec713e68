import { actionItemNotice, type ActionItemNoticeFacts } from './action-item-notice.message';

const FACTS: ActionItemNoticeFacts = {
  incidentId: 'i-1',
  actionItemId: 'a-1',
  title: 'Alert on disk usage',
  kind: 'long_term_fix',
  dueAt: new Date('2026-12-11T00:00:00.000Z'),
  ownerId: 'dave',
  ownerName: 'Dave Schmidt',
  team: 'app-support',
  ticketUrl: 'https://tickets.example/OPS-7',
  step: 'remind-2d',
};
const DAVE = { id: 'dave', name: 'Dave Schmidt' };

describe('action item notices', () => {
  it('reminds the owner how long is left, with the ticket', () => {
    const message = actionItemNotice(FACTS, DAVE, 'reminder', new Date('2026-12-09T00:00:00.000Z'));
    expect(message).toMatchObject({
      kind: 'reminder',
      subject: 'Reminder: action item due in 2 days: Alert on disk usage',
      links: [{ label: 'Ticket', url: 'https://tickets.example/OPS-7' }],
      details: { actionItemId: 'a-1', step: 'remind-2d', owner: 'dave', dueAt: '2026-12-11T00:00:00.000Z' },
    });
    expect(message.text).toContain('The long term fix action item "Alert on disk usage" is yours');
  });

  it('says "in 1 hour" an hour before', () => {
    const message = actionItemNotice(FACTS, DAVE, 'reminder', new Date('2026-12-10T23:00:00.000Z'));
    expect(message.subject).toBe('Reminder: action item due in 1 hour: Alert on disk usage');
  });

  it('tells the team whose item is overdue, and why they hear of it', () => {
    const erin = { id: 'erin', name: 'Erin Kowalski' };
    const message = actionItemNotice({ ...FACTS, ticketUrl: null, step: 'overdue' }, erin, 'overdue', FACTS.dueAt);
    expect(message).toMatchObject({
      kind: 'notice',
      subject: 'Overdue action item (Dave Schmidt): Alert on disk usage',
      recipient: erin,
      links: [],
    });
    expect(message.text).toContain('Your team (app-support) is told');
  });
});
