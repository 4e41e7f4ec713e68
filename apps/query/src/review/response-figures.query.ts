import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DRILL_FIGURES, type DrillFigures, METRIC_PERIODS, type MetricPeriod } from '@incident/read-models';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ResponseMetricsQuery } from '../dashboard/response-metrics.query';

/** GET /v1/metrics/figures: as /v1/metrics/response, split by category too, drills asked for apart. */
export class ResponseFiguresQuery extends ResponseMetricsQuery {
  @ApiPropertyOptional({ description: 'Only this category (`unknown`: never classified).', example: 'defect.bug' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'category must be 1 to 100 characters' })
  category?: string;

  @ApiPropertyOptional({
    enum: DRILL_FIGURES,
    default: 'exclude',
    description: '`exclude`: real incidents only (the figures that count); `only`: the drills’ figures.',
  })
  @IsOptional()
  @IsIn(DRILL_FIGURES, { message: `drills must be one of ${DRILL_FIGURES.join(', ')}` })
  drills?: DrillFigures;
}

export class CategoryFiguresView {
  @ApiProperty({ example: '2026-11-02', description: 'First day of the period (weeks start on Monday).' })
  periodStart!: string;
  @ApiProperty() team!: string;
  @ApiProperty({ example: 'availability.downtime' }) category!: string;
  @ApiProperty() severity!: string;
  @ApiProperty({ description: 'True only when drills=only.' }) drill!: boolean;
  @ApiProperty({ description: 'Response cycles opened (an incident, or a reopen).' }) incidents!: number;
  @ApiProperty() acknowledged!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean time to acknowledge.' }) mttaSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true }) mttaSecondsMax!: number | null;
  @ApiProperty() resolved!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean time to resolve.' }) mttrSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true }) mttrSecondsMax!: number | null;
  @ApiProperty({ description: 'Cycles whose post-incident review was published.' }) reviewed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean time from resolution to the review published.' })
  timeToReviewSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true }) timeToReviewSecondsMax!: number | null;
}

export class ResponseFiguresView {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: METRIC_PERIODS }) period!: MetricPeriod;
  @ApiProperty({ enum: DRILL_FIGURES }) drills!: DrillFigures;
  @ApiProperty({ type: [CategoryFiguresView] }) figures!: CategoryFiguresView[];
}
