/**
 * The escalation policy's pure step function: it lives in @incident/directory (on-call/escalation-policy.ts)
 * because `incidentctl escalation whatif` replays policies too, and one app cannot import another.
 */
export {
  attemptOf,
  drillParticipantsOf,
  escalationStep,
  firstLevel,
  levelTargets,
  policyForTeam,
  positionAfter,
  waitAfter,
  type EscalationContext,
  type EscalationPosition,
  type EscalationStep,
  type OnCallResolver,
  type PageTarget,
  type ScheduledLevel,
} from '@incident/directory';
