import { INCIDENT_CATEGORIES, SEVERITIES, TIME_KINDS, type IncidentCommandType } from '@incident/domain';

/** Stands for "the step's own time" in a command's timestamp field; filled in when the script is played. */
export const NOW = '<now>';
/** Stands for the step's UTC month (`YYYY-MM`), the period of pre-approved hours. */
export const MONTH = '<month>';

/** A command `minute` minutes after the incident opened. */
export type Step = readonly [minute: number, type: IncidentCommandType, data: Readonly<Record<string, unknown>>];

const TEAMS = ['infrastructure', 'application-support', 'security', 'database', 'network'];
const withoutRemediation = (steps: Step[]) => steps.filter(([, type]) => !type.includes('Remediation'));

/**
 * The commands of synthetic incident `index`: most go the whole way to a closed review, one in ten each is
 * marked no-action, returned to the customer, resolved at its source, or reopened; one in thirteen is a drill.
 */
export function syntheticScript(index: number): Step[] {
  const pick = <T>(values: readonly T[], salt: number): T => values[(index * 7 + salt) % values.length] as T;
  const who = `responder-${index % 17}`;
  const open: Step = [
    0,
    'OpenIncident',
    {
      dedupKey: `svc-${index % 40}/alert-${index % 7}`,
      source: 'alertmanager',
      customerId: `customer-${index % 50}`,
      service: `svc-${index % 40}`,
      title: `Synthetic incident ${index}`,
      drill: index % 13 === 0,
      alertId: 'alert-1',
      openedAt: NOW,
    },
  ];
  const correlate = Array.from({ length: index % 4 }, (_, n): Step => [
    1,
    'CorrelateAlert',
    { alertId: `alert-${n + 2}`, receivedAt: NOW },
  ]);
  const triage: Step = [
    2,
    'TriageIncident',
    {
      severity: pick(SEVERITIES, 3),
      category: pick(INCIDENT_CATEGORIES, 5),
      owningTeam: pick(TEAMS, 1),
      ruleId: `rule-${index % 6}`,
      preApprovedMinutes: 120,
      triagedAt: NOW,
    },
  ];
  // Every other entry counts against the customer's month; one in twenty goes over a tiny budget, with a reason.
  const budget =
    index % 2 === 0
      ? {
          preApproved: { period: MONTH, budgetMinutes: index % 20 === 2 ? 10 : 600, usedMinutes: 0 },
          ...(index % 20 === 2 && { overrunReason: 'outage outlasted the budget' }),
        }
      : {};
  const respond: Step[] = [
    [
      3,
      'PageResponder',
      { pageId: 'page-1', responderId: who, channel: pick(['sms', 'phone', 'push'], 2), pagedAt: NOW },
    ],
    [4 + (index % 9), 'AcknowledgeIncident', { responderId: who, acknowledgedAt: NOW }],
    ...(index % 4 === 0
      ? [[10, 'EscalateIncident', { reason: 'asked_for_help', toLevel: 2, requestedBy: who, escalatedAt: NOW }] as Step]
      : []),
    ...(index % 5 === 0
      ? [[12, 'RecordSlaBreach', { sla: 'mitigation', targetMinutes: 10, breachedAt: NOW }] as Step]
      : []),
    ...(index % 9 === 4
      ? [
          [
            14,
            'ChangeSeverity',
            { severity: pick(SEVERITIES, 6), reason: 'impact reassessed', changedBy: who, changedAt: NOW },
          ] as Step,
        ]
      : []),
    [15, 'PostStatusUpdate', { audience: 'customer', message: 'We are investigating', postedBy: who, postedAt: NOW }],
    ...(index % 3 === 0
      ? [
          [
            16,
            'NotifyCustomer',
            { channel: 'email', message: 'We are on it', notifiedBy: who, notifiedAt: NOW },
          ] as Step,
        ]
      : []),
    ...(index % 6 === 1
      ? [
          [
            17,
            'ReassignIncident',
            {
              assigneeKind: 'person',
              assignee: `responder-${(index + 5) % 17}`,
              reason: 'level 2 takes over',
              reassignedBy: 'lead',
              reassignedAt: NOW,
            },
          ] as Step,
        ]
      : []),
    [
      20,
      'ProposeRemediation',
      {
        remediationId: 'rem-1',
        action: 'restart',
        description: 'restart the pods',
        requiresApproval: false,
        proposedBy: 'remediation',
        proposedAt: NOW,
      },
    ],
    [21, 'ExecuteRemediation', { remediationId: 'rem-1', executedBy: 'remediation', executedAt: NOW }],
    [
      25,
      'LogTime',
      { responderId: who, kind: pick(TIME_KINDS, 4), minutes: 30 + (index % 120), loggedAt: NOW, ...budget },
    ],
    [30 + (index % 40), 'MitigateIncident', { mitigatedBy: who, summary: 'pods restarted', mitigatedAt: NOW }],
    [
      80 + (index % 200),
      'ResolveIncident',
      { resolvedBy: who, summary: 'root cause fixed', reviewRequired: index % 4 !== 3, resolvedAt: NOW },
    ],
  ];
  const review: Step[] = [
    [300, 'StartReview', { startedBy: 'reviewer', startedAt: NOW }],
    [
      310,
      'RecordRootCause',
      {
        whys: ['memory ran out', 'the cache grew unbounded'],
        rootCause: 'no cache limit',
        recordedBy: 'reviewer',
        recordedAt: NOW,
      },
    ],
    [
      320,
      'AddActionItem',
      {
        actionItemId: 'ai-1',
        kind: 'preventive',
        title: 'limit the cache',
        owner: who,
        dueDate: '2025-06-30',
        addedAt: NOW,
      },
    ],
    [330, 'PublishReview', { summary: 'cache exhaustion', publishedBy: 'reviewer', publishedAt: NOW }],
    [340, 'CloseIncident', { closedBy: 'reviewer', closedAt: NOW }],
    [2000, 'CompleteActionItem', { actionItemId: 'ai-1', completedBy: who, completedAt: NOW }],
  ];
  switch (index % 10) {
    case 6:
      return [
        open,
        ...correlate,
        triage,
        [5, 'MarkIncidentNoAction', { reason: 'a workflow under test', decidedBy: 'triage', markedAt: NOW }],
        [6, 'CloseIncident', { closedBy: 'triage', closedAt: NOW }],
      ];
    case 7:
      return [
        open,
        triage,
        [
          5,
          'ReturnIncidentToCustomer',
          { reason: 'no application support', returnedBy: 'triage', downgradeTo: 'low', returnedAt: NOW },
        ],
        [6, 'CloseIncident', { closedBy: 'triage', closedAt: NOW }],
      ];
    case 8:
      return [
        open,
        ...correlate,
        [9, 'ResolveAlertAtSource', { alertId: 'alert-1', allAlertsResolved: true, resolvedAt: NOW }],
      ];
    case 9: {
      const reopen: Step = [295, 'ReopenIncident', { alertId: 'alert-9', reopenWindowMinutes: 600, reopenedAt: NOW }];
      // The second cycle keeps the changed severity: changing it to the same again would be refused.
      const again = respond
        .filter(([, type]) => type !== 'ChangeSeverity')
        .map(([minute, type, data]): Step => [minute + 300, type, data]);
      return [open, triage, ...withoutRemediation(respond), reopen, ...withoutRemediation(again)];
    }
    default: {
      // One in four needs no review and closes at once; one in eight has its review waived first.
      const closing: Step[] =
        index % 4 === 3
          ? [[300, 'CloseIncident', { closedBy: who, closedAt: NOW }]]
          : index % 8 === 5
            ? [
                [290, 'WaiveReview', { reason: 'a known issue', waivedBy: 'lead', waivedAt: NOW }],
                [300, 'CloseIncident', { closedBy: 'lead', closedAt: NOW }],
              ]
            : review;
      const link: Step[] =
        index % 7 === 2
          ? [
              [
                350,
                'LinkIncident',
                {
                  linkedIncidentId: `synthetic-${index - 1}`,
                  relation: 'recurrence_of',
                  linkedBy: 'lead',
                  linkedAt: NOW,
                },
              ],
            ]
          : [];
      return [open, ...correlate, triage, ...respond, ...closing, ...link];
    }
  }
}
