import { ApiProperty } from '@nestjs/swagger';
import type { TriageDecision } from '@incident/read-models';

/** One classification of an incident (read_models.triage_decisions). */
export class TriageDecisionView {
  @ApiProperty({ description: 'Stream revision of the IncidentTriaged / IncidentReclassified event.' })
  streamRevision!: number;
  @ApiProperty({ enum: ['triaged', 'reclassified'] }) decision!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty({ example: { kind: 'system', id: 'triage' }, description: "The event's actor." })
  decidedBy!: { kind: string; id: string };
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The applied triage rule-set version; null for a person's triage or before triage kept it.",
  })
  ruleSetVersion!: number | null;
  @ApiProperty({ example: 'availability-downtime' }) ruleId!: string;
  @ApiProperty({
    type: 'array',
    items: {},
    description: "The rule's reasons as triage recorded them; [] before it did.",
  })
  reasons!: unknown[];
  @ApiProperty({ example: 'availability.downtime' }) category!: string;
  @ApiProperty({ example: 'urgent' }) severity!: string;
  @ApiProperty({ example: 'customer-success' }) team!: string;

  static of(row: TriageDecision): TriageDecisionView {
    return {
      streamRevision: row.streamRevision,
      decision: row.decision,
      decidedAt: row.decidedAt.toISOString(),
      decidedBy: { kind: row.decidedByKind, id: row.decidedBy },
      ruleSetVersion: row.ruleSetVersion,
      ruleId: row.ruleId,
      reasons: row.reasons,
      category: row.category,
      severity: row.severity,
      team: row.team,
    };
  }
}

export class TriageDecisionsView {
  @ApiProperty() incidentId!: string;
  @ApiProperty({ type: [TriageDecisionView] }) decisions!: TriageDecisionView[];
}
