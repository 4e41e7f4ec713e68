import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METRIC_PERIODS, type MetricPeriod } from '@incident/read-models';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** GET /v1/metrics/response: a range of UTC days, rolled up by period, optionally one team or severity. */
export class ResponseMetricsQuery {
  @ApiPropertyOptional({
    description: 'First UTC day, inclusive (default: 29 days before `to`).',
    example: '2026-11-01',
  })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day, YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last UTC day, inclusive (default: today).', example: '2026-11-30' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day, YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: METRIC_PERIODS, default: 'day', description: 'Weeks start on Monday.' })
  @IsOptional()
  @IsIn(METRIC_PERIODS, { message: `period must be one of ${METRIC_PERIODS.join(', ')}` })
  period?: MetricPeriod;

  @ApiPropertyOptional({ description: 'Only this team (`unassigned`: never triaged).', example: 'infrastructure' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'team must be 1 to 200 characters' })
  team?: string;

  @ApiPropertyOptional({ description: 'Only this severity (`unknown`: never classified).', example: 'urgent' })
  @IsOptional()
  @IsString()
  @Length(1, 20, { message: 'severity must be 1 to 20 characters' })
  severity?: string;
}

export class ResponseFiguresView {
  @ApiProperty({
    example: '2026-11-02',
    description: 'First day of the period (weeks start on Monday); only the days from `from` to `to` count.',
  })
  periodStart!: string;
  @ApiProperty() team!: string;
  @ApiProperty() severity!: string;
  @ApiProperty({ description: 'Response cycles opened (an incident, or a reopen), drills excluded.' })
  incidents!: number;
  @ApiProperty() acknowledged!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean time to acknowledge.' }) mttaSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true }) mttaSecondsMax!: number | null;
  @ApiProperty() resolved!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean time to resolve.' }) mttrSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true }) mttrSecondsMax!: number | null;
  @ApiProperty({ description: 'Cycles with at least one SLA breached.' }) breachedIncidents!: number;
  @ApiProperty() acknowledgementBreaches!: number;
  @ApiProperty() mitigationBreaches!: number;
  @ApiProperty() resolutionBreaches!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of cycles with no breach, 0 to 1.' })
  slaCompliance!: number | null;
}

export class ResponseMetricsView {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: METRIC_PERIODS }) period!: MetricPeriod;
  @ApiProperty({ type: [ResponseFiguresView] }) figures!: ResponseFiguresView[];
}
