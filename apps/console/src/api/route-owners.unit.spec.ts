import { routeOwner } from './route-owners';

const ID = '3f1c2a9e-8d4b-4a51-9c57-0e6f7a1b2c3d';

describe('which service answers an /api call', () => {
  it.each([
    ['GET', 'v1/incidents', 'query'],
    ['GET', `v1/incidents/${ID}`, 'query'],
    ['GET', `v1/incidents/${ID}/timeline`, 'query'],
    ['GET', `v1/incidents/${ID}/history`, 'query'],
    ['GET', `v1/incidents/${ID}/state`, 'query'],
    ['GET', `v1/incidents/${ID}/verify`, 'query'],
    ['GET', 'v1/metrics/response', 'query'],
    ['PUT', 'v1/directory', 'query'],
    ['POST', `v1/incidents/${ID}/acknowledge`, 'escalation'],
    ['POST', `v1/incidents/${ID}/escalate`, 'escalation'],
    ['POST', `v1/incidents/${ID}/reassign`, 'escalation'],
    ['GET', 'v1/oncall', 'escalation'],
    ['POST', `v1/incidents/${ID}/triage`, 'triage'],
    ['POST', `v1/incidents/${ID}/severity`, 'triage'],
    ['POST', `v1/incidents/${ID}/no-action`, 'triage'],
    ['POST', `v1/incidents/${ID}/return-to-customer`, 'triage'],
    ['POST', `v1/incidents/${ID}/status-updates`, 'remediation'],
    ['POST', `v1/incidents/${ID}/time`, 'remediation'],
    ['POST', `v1/incidents/${ID}/mitigate`, 'remediation'],
    ['POST', `v1/incidents/${ID}/resolve`, 'remediation'],
    ['POST', `v1/incidents/${ID}/remediations/r1/approve`, 'remediation'],
    ['GET', `v1/incidents/${ID}/review`, 'review'],
    ['POST', `v1/incidents/${ID}/review/publish`, 'review'],
    ['POST', `v1/incidents/${ID}/review/waive`, 'review'],
  ])('%s %s → %s', (method, path, service) => {
    expect(routeOwner(method, path)).toBe(service);
  });

  it.each([
    ['POST', 'v1/alerts'],
    ['POST', 'v2/enqueue'],
    ['POST', `v1/incidents/${ID}/unknown-command`],
    ['DELETE', `v1/incidents/${ID}`],
    ['GET', 'v1/../health/ready'],
    ['GET', 'health/ready'],
  ])('%s %s is not forwarded', (method, path) => {
    expect(routeOwner(method, path)).toBeUndefined();
  });
});
