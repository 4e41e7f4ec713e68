import type { EscalationWhatIf } from '@incident/directory';

const DURATION = /^(\d+)([dhm])$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** `--since 30d` (days, hours or minutes before `now`) or an ISO-8601 instant; undefined when it is neither. */
export function parseSince(value: string, now: Date): Date | undefined {
  const match = DURATION.exec(value);
  if (match) return new Date(now.getTime() - Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  const at = new Date(value);
  return Number.isNaN(at.getTime()) || !/\d{4}-\d{2}-\d{2}/.test(value) ? undefined : at;
}

const row = (cells: readonly (string | number)[], widths: readonly number[]) =>
  cells
    .map((cell, i) => (typeof cell === 'number' ? String(cell).padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  return [row(header, widths), ...rows.map((r) => row(r, widths))];
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The what-if as tables: pages per person (in force, proposed, change), then the late acknowledgements. */
export function formatEscalationWhatIf(report: EscalationWhatIf, proposedName: string): string {
  const lines = [
    `escalation what-if ${report.from} .. ${report.until}: ${report.cycles} response cycle(s), ${report.drills} drill(s); directory in force vs ${proposedName}`,
    '',
    ...table(
      ['person', 'name', 'in force', 'proposed', 'change'],
      report.people.map((p) => [p.personId, p.name, p.inForce, p.proposed, signed(p.proposed - p.inForce)]),
    ),
    '',
    `acknowledgements late under ${proposedName}: ${report.breaches.length}`,
  ];
  if (report.breaches.length > 0) {
    lines.push(
      ...table(
        ['incident', 'team', 'severity', 'opened', 'ack (min)', 'target', 'late in force', 'first page (min)'],
        report.breaches.map((b) => [
          b.incidentId,
          b.team,
          b.severity,
          b.openedAt,
          b.acknowledgedAt === null ? `${b.minutesToAcknowledge} (none)` : b.minutesToAcknowledge,
          b.targetMinutes,
          b.breachedInForce ? 'yes' : 'no',
          b.firstProposedPageMinutes ?? 'never',
        ]),
      ),
    );
  }
  if (report.unpaged.length > 0) {
    lines.push(
      '',
      `paging nobody under ${proposedName}: ${report.unpaged.map((u) => `${u.incidentId} (${u.team})`).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
