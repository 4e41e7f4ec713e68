import { problemInWords } from './problem-words';

describe('problemInWords', () => {
  it('says why a command was refused in the current status', () => {
    const body = {
      statusCode: 409,
      message: 'cannot AcknowledgeIncident: incident is resolved',
      command: 'AcknowledgeIncident',
      currentStatus: 'resolved',
    };

    expect(problemInWords(409, body)).toBe('You cannot acknowledge it: the incident is already resolved.');
  });

  it("keeps the domain's reason", () => {
    const body = {
      message: 'cannot MitigateIncident: incident is triaged (no remediation r1 on record)',
      command: 'MitigateIncident',
      currentStatus: 'triaged',
    };

    expect(problemInWords(409, body)).toBe(
      'You cannot mark it mitigated: the incident is triaged (no remediation r1 on record).',
    );
  });

  it('tells a lost race apart from an illegal transition', () => {
    const body = { message: 'the incident changed while the command was decided; retry' };

    expect(problemInWords(409, body)).toMatch(/^Someone changed the incident at the same time/);
  });

  it('names the missing role and the ended session', () => {
    expect(problemInWords(403, { message: 'Forbidden resource' })).toBe('Your role may not do this.');
    expect(problemInWords(401, {})).toMatch(/sign in again/);
  });

  it("joins a validation pipe's list of messages", () => {
    expect(problemInWords(400, { message: ['reason should not be empty'] })).toBe(
      'The request was refused: reason should not be empty.',
    );
  });
});
