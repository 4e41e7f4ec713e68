/** The command names the services put in a 409, as a responder would say them. */
const COMMAND_WORDS: Readonly<Record<string, string>> = {
  AcknowledgeIncident: 'acknowledge it',
  EscalateIncident: 'ask for help',
  ReassignIncident: 'reassign it',
  TriageIncident: 'change its classification',
  ChangeSeverity: 'change its severity',
  MarkIncidentNoAction: 'mark it as needing no action',
  ReturnIncidentToCustomer: 'return it to the customer',
  PostStatusUpdate: 'post a status update',
  LogTime: 'log time',
  MitigateIncident: 'mark it mitigated',
  ResolveIncident: 'resolve it',
};

const STATUS_WORDS: Readonly<Record<string, string>> = {
  triggered: 'triggered',
  triaged: 'triaged',
  acknowledged: 'already acknowledged',
  mitigated: 'already mitigated',
  resolved: 'already resolved',
  in_review: 'in review',
  closed: 'closed',
  no_action: 'closed as needing no action',
  returned_to_customer: 'returned to the customer',
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** What went wrong, in a sentence, from an HTTP status and the platform's error body. */
export function problemInWords(status: number, body: Readonly<Record<string, unknown>>): string {
  const message = text(body['message']) ?? (Array.isArray(body['message']) ? body['message'].join('; ') : undefined);
  if (status === 409) {
    const command = text(body['command']);
    const current = text(body['currentStatus']);
    if (command && current) {
      const action = COMMAND_WORDS[command] ?? command;
      // The domain's message may carry a reason in brackets ("… (no remediation r1 on record)").
      const reason = message?.match(/\(([^)]+)\)$/)?.[1];
      return `You cannot ${action}: the incident is ${STATUS_WORDS[current] ?? current}${reason ? ` (${reason})` : ''}.`;
    }
    return `Someone changed the incident at the same time: ${message ?? 'try again'}.`;
  }
  if (status === 401) return 'Your session has ended: sign in again with a new link.';
  if (status === 403) return 'Your role may not do this.';
  if (status === 404) return message ?? 'Not found.';
  if (status === 400) return `The request was refused: ${message ?? 'a field is invalid'}.`;
  if (status >= 500) return `The server failed${message ? `: ${message}` : ''}. Try again in a moment.`;
  return message ?? `HTTP ${status}`;
}
