import { bodyOf, RESPONDER_ACTIONS, unavailableReason } from './responder-actions';

const action = (id: string) => RESPONDER_ACTIONS.find((candidate) => candidate.id === id)!;

describe('bodyOf', () => {
  it('leaves optional blanks out and sends numbers as numbers', () => {
    expect(bodyOf(action('log-time'), { minutes: ' 30 ', kind: 'corrective', note: '' })).toEqual({
      body: { minutes: 30, kind: 'corrective' },
    });
  });

  it('names the first required field left empty', () => {
    expect(bodyOf(action('reassign'), { assigneeKind: 'person', assignee: '', reason: 'x' })).toEqual({
      missing: 'Person or team id',
    });
  });

  it('changes the severity alone, on its own route, starting from the current one', () => {
    const severity = action('severity');

    expect(severity.path('i1')).toBe('/v1/incidents/i1/severity');
    expect(severity.initial?.({ severity: 'high' } as never)).toEqual({ severity: 'high' });
    expect(bodyOf(severity, { severity: 'urgent', reason: 'customers affected' })).toEqual({
      body: { severity: 'urgent', reason: 'customers affected' },
    });
  });

  it('waives the review on its route, with the reason and the revision the page shows', () => {
    const waive = action('waive-review');

    expect(waive.path('i1')).toBe('/v1/incidents/i1/review/waive');
    expect(bodyOf(waive, { reason: 'a known flap' }, { lastRevision: 12 })).toEqual({
      body: { reason: 'a known flap', revision: 12 },
    });
    expect(bodyOf(waive, { reason: ' ' }, { lastRevision: 12 })).toEqual({ missing: 'Why no review is needed' });
  });

  it('sends an empty body for acknowledge', () => {
    expect(bodyOf(action('acknowledge'), {})).toEqual({ body: {} });
  });
});

describe('unavailableReason', () => {
  const incident = (status: string, assignee: string | null) =>
    ({ status, assignee, assigneeKind: assignee === null ? null : 'person' }) as never;

  it('takes Acknowledge away from the person who acknowledged, not from anyone else', () => {
    expect(unavailableReason(action('acknowledge'), incident('acknowledged', 'alice'), 'alice')).toBe(
      'You acknowledged it',
    );
    expect(unavailableReason(action('acknowledge'), incident('acknowledged', 'alice'), 'bob')).toBeNull();
    expect(unavailableReason(action('acknowledge'), incident('triggered', null), 'alice')).toBeNull();
  });

  it('leaves every other refusal to the service (its 409 is put in words)', () => {
    expect(unavailableReason(action('resolve'), incident('acknowledged', 'alice'), 'alice')).toBeNull();
    expect(unavailableReason(action('acknowledge'), incident('resolved', 'alice'), 'alice')).toBeNull();
  });
});
