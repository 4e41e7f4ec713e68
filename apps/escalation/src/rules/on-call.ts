/**
 * Who is on call: the pure resolver lives in @incident/directory (on-call/on-call.ts) because incidentctl
 * (`oncall`, `escalation whatif`) evaluates schedules too, and one app cannot import another.
 */
export {
  onCallAt,
  onCallResolver,
  shiftsBetween,
  withOverrides,
  type OnCall,
  type OnCallOverride,
  type OnCallSchedule,
  type Shift,
} from '@incident/directory';
