import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RecentChange } from '@incident/read-models';

export class ChangeLinkView {
  @ApiProperty({ example: 'https://github.com/globex/storefront/pull/812' }) href!: string;
  @ApiProperty({ type: String, nullable: true, example: 'PR #812' }) text!: string | null;
}

/** One change (read_models.recent_changes). */
export class ChangeView {
  @ApiProperty({ format: 'uuid' }) changeId!: string;
  @ApiProperty({ example: 'globex' }) customerId!: string;
  @ApiProperty({ example: 'globex-storefront' }) service!: string;
  @ApiProperty({ example: 'deploy', description: '`change` when the publisher named no type.' }) changeType!: string;
  @ApiProperty({ example: 'Deploy storefront v2.3.1' }) summary!: string;
  @ApiProperty({ example: 'github-actions' }) source!: string;
  @ApiProperty({ format: 'date-time', description: 'When the change happened, as the publisher said.' })
  occurredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When intake recorded it.' }) recordedAt!: string;
  @ApiProperty() integrationId!: string;
  @ApiProperty({ type: [ChangeLinkView] }) links!: ChangeLinkView[];
  @ApiProperty({ type: Object, description: "The publisher's custom details, as sent." })
  details!: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Incident route only: whole minutes between the change and detection.' })
  minutesBeforeDetection?: number;

  static of(row: RecentChange): ChangeView {
    return {
      changeId: row.changeId,
      customerId: row.customerId,
      service: row.service,
      changeType: row.changeType,
      summary: row.summary,
      source: row.source,
      occurredAt: row.occurredAt.toISOString(),
      recordedAt: row.recordedAt.toISOString(),
      integrationId: row.integrationId,
      links: row.links,
      details: row.details,
    };
  }
}

export class ChangeListView {
  @ApiProperty({ type: [ChangeView], description: 'Newest first.' })
  items!: ChangeView[];
}

/** "Changes before this incident": the incident's service, the window before detection. */
export class IncidentChangesView {
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ example: 'globex' }) customerId!: string;
  @ApiProperty({ example: 'globex-storefront' }) service!: string;
  @ApiProperty({ format: 'date-time', description: 'When the incident was first opened.' }) detectedAt!: string;
  @ApiProperty({ example: 60 }) windowMinutes!: number;
  @ApiProperty({ format: 'date-time', description: 'detectedAt - windowMinutes.' }) from!: string;
  @ApiProperty({ type: [ChangeView], description: 'Newest first (the nearest to detection first).' })
  items!: ChangeView[];
}
