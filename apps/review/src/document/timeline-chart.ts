import type { TimelineEntry, TimelineKind } from './review-document';

/** The chart's lanes, top to bottom, in the order a response runs; each kind of step has its colour. */
const LANES: readonly { kind: TimelineKind; label: string; colour: string }[] = [
  { kind: 'detection', label: 'Detection', colour: '#b91c1c' },
  { kind: 'triage', label: 'Triage', colour: '#6b7280' },
  { kind: 'acknowledgement', label: 'Acknowledgement', colour: '#1d4ed8' },
  { kind: 'escalation', label: 'Escalation', colour: '#c2410c' },
  { kind: 'sla_breach', label: 'SLA breach', colour: '#991b1b' },
  { kind: 'containment', label: 'Containment', colour: '#7c3aed' },
  { kind: 'remediation', label: 'Remediation', colour: '#0f766e' },
  { kind: 'customer_update', label: 'Customer update', colour: '#a16207' },
  { kind: 'mitigation', label: 'Mitigation', colour: '#15803d' },
  { kind: 'resolution', label: 'Resolution', colour: '#166534' },
  { kind: 'reopen', label: 'Reopen', colour: '#be185d' },
];

const LABEL_WIDTH = 150;
const PLOT_WIDTH = 600;
const LANE_HEIGHT = 26;
const TOP = 10;
const AXIS_HEIGHT = 34;
const WEEK_MINUTES = 10080;
const TICK_STEPS_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440, 2880, WEEK_MINUTES];

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Fixed decimals, so the same timeline always gives the same bytes (the page's hash depends on it). */
const fixed = (value: number): string => value.toFixed(1);

function tickStep(spanMinutes: number): number {
  return TICK_STEPS_MINUTES.find((step) => spanMinutes / step <= 8) ?? WEEK_MINUTES;
}

const duration = (minutes: number): string =>
  minutes < 120
    ? `+${minutes} min`
    : minutes < 2880
      ? `+${Math.round(minutes / 60)} h`
      : `+${Math.round(minutes / 1440)} d`;

/**
 * Pure: the timeline as an inline SVG, one lane per kind of step present, on a time axis from detection to the
 * last step (minutes after detection). Each mark carries its line of the table as a `<title>`, so a reader can
 * hover it on screen; the table beside it says the same in print. No clock and no randomness: the same
 * timeline gives the same bytes.
 */
export function renderTimelineChart(timeline: readonly TimelineEntry[]): string {
  const [first] = timeline;
  const last = timeline.at(-1);
  if (first === undefined || last === undefined) return '';
  const start = Date.parse(first.at);
  const minutesOf = (entry: TimelineEntry) => (Date.parse(entry.at) - start) / 60_000;
  const span = Math.max(1, ...timeline.map(minutesOf));
  const lanes = LANES.filter((lane) => timeline.some((entry) => entry.kind === lane.kind));
  const height = TOP + lanes.length * LANE_HEIGHT + AXIS_HEIGHT;
  // Room on the right for the last tick's label, centred on the end of the axis.
  const width = LABEL_WIDTH + PLOT_WIDTH + 40;
  const x = (minutes: number) => LABEL_WIDTH + (Math.max(0, minutes) / span) * PLOT_WIDTH;
  const axisY = TOP + lanes.length * LANE_HEIGHT;
  const step = tickStep(span);
  const ticks: string[] = [];
  for (let minutes = 0; minutes <= span; minutes += step) {
    ticks.push(
      `<line x1="${fixed(x(minutes))}" y1="${TOP}" x2="${fixed(x(minutes))}" y2="${axisY}" class="grid"/>`,
      `<text x="${fixed(x(minutes))}" y="${axisY + 16}" text-anchor="middle" class="tick">${duration(minutes)}</text>`,
    );
  }
  const rows = lanes.flatMap((lane, index) => {
    const y = TOP + index * LANE_HEIGHT + LANE_HEIGHT / 2;
    const marks = timeline
      .filter((entry) => entry.kind === lane.kind)
      .map(
        (entry) =>
          `<circle cx="${fixed(x(minutesOf(entry)))}" cy="${fixed(y)}" r="6" fill="${lane.colour}">` +
          `<title>${escapeXml(`${entry.at} ${lane.label}: ${entry.summary}`)}</title></circle>`,
      );
    return [
      `<text x="${LABEL_WIDTH - 10}" y="${fixed(y + 4)}" text-anchor="end" class="lane">${lane.label}</text>`,
      `<line x1="${LABEL_WIDTH}" y1="${fixed(y)}" x2="${LABEL_WIDTH + PLOT_WIDTH}" y2="${fixed(y)}" class="lane-line"/>`,
      ...marks,
    ];
  });
  const caption = `Timeline from detection (${first.at}) to ${last.at}, minutes after detection`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="100%" class="timeline-chart">`,
    `<title>${escapeXml(caption)}</title>`,
    ...ticks,
    ...rows,
    `<line x1="${LABEL_WIDTH}" y1="${axisY}" x2="${LABEL_WIDTH + PLOT_WIDTH}" y2="${axisY}" class="axis"/>`,
    `<text x="${LABEL_WIDTH + PLOT_WIDTH}" y="${axisY + 30}" text-anchor="end" class="tick">time after detection</text>`,
    '</svg>',
  ].join('\n');
}
