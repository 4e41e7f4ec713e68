import { bodyOf, RESPONDER_ACTIONS } from './responder-actions';

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

  it('sends an empty body for acknowledge', () => {
    expect(bodyOf(action('acknowledge'), {})).toEqual({ body: {} });
  });
});
