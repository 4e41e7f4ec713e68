import { INCIDENT_CATEGORIES, type IncidentCategory, type Severity } from '@incident/domain';

/** PagerDuty's and Prometheus' usual severity words on the platform's ticket scale. */
const SEVERITY_WORDS: Readonly<Record<string, Severity>> = {
  critical: 'urgent',
  urgent: 'urgent',
  page: 'urgent',
  error: 'high',
  high: 'high',
  warning: 'normal',
  warn: 'normal',
  normal: 'normal',
  info: 'low',
  low: 'low',
};

/** Optional wire fields may arrive as null: anything but a known word is no severity. */
export const severityFrom = (word: string | null | undefined): Severity | undefined =>
  typeof word === 'string' ? SEVERITY_WORDS[word.toLowerCase()] : undefined;

/** The alert's own category when it names one of ours, else the integration's default. */
export const categoryFrom = (word: string | null | undefined, fallback: IncidentCategory): IncidentCategory =>
  (INCIDENT_CATEGORIES as readonly string[]).includes(word ?? '') ? (word as IncidentCategory) : fallback;
