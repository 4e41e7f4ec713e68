import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ACTION_ITEM_QUERY_STATUSES, type ActionItemQueryStatus } from '@incident/read-models';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

const TEAM = { description: 'The owner’s team (`none`: the owner was in no team when the item was added).' };

/** GET /v1/action-items: one team's (or every team's) items, by status. */
export class ActionItemsQuery {
  @ApiPropertyOptional({ ...TEAM, example: 'app-support' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'team must be 1 to 200 characters' })
  team?: string;

  @ApiPropertyOptional({ description: 'A directory person.', example: 'dave' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'owner must be 1 to 100 characters' })
  owner?: string;

  @ApiPropertyOptional({
    enum: ACTION_ITEM_QUERY_STATUSES,
    description: '`open`: not done (overdue included); `overdue`: open and past due; `done`: completed. Absent: all.',
  })
  @IsOptional()
  @IsIn(ACTION_ITEM_QUERY_STATUSES, { message: `status must be one of ${ACTION_ITEM_QUERY_STATUSES.join(', ')}` })
  status?: ActionItemQueryStatus;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}

export class ActionItemCountsQuery {
  @ApiPropertyOptional({ ...TEAM, example: 'app-support' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'team must be 1 to 200 characters' })
  team?: string;
}

export class ActionItemView {
  @ApiProperty() incidentId!: string;
  @ApiProperty() actionItemId!: string;
  @ApiProperty({ enum: ['long_term_fix', 'preventive', 'automation', 'patch'] }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'A directory person.' }) owner!: string;
  @ApiProperty(TEAM) team!: string;
  @ApiProperty({ example: '2026-12-15', description: 'The UTC day it is due.' }) dueDate!: string;
  @ApiProperty({ description: 'When it falls due: a bare due day falls due as it ends (UTC).' }) dueAt!: string;
  @ApiProperty({ type: String, nullable: true }) ticketUrl!: string | null;
  @ApiProperty({ enum: ['open', 'done'] }) status!: 'open' | 'done';
  @ApiProperty({ description: 'Open and past its due time, now.' }) overdue!: boolean;
  @ApiProperty() addedAt!: string;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) completedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'What shows it is done.' }) evidence!: string | null;
}

export class ActionItemsView {
  @ApiProperty({ description: 'The moment `overdue` was judged at.' }) asOf!: string;
  @ApiProperty({ type: [ActionItemView] }) items!: ActionItemView[];
}

export class ActionItemCountsRow {
  @ApiProperty(TEAM) team!: string;
  @ApiProperty({ description: 'Not done (overdue included).' }) open!: number;
  @ApiProperty({ description: 'Open and past due.' }) overdue!: number;
  @ApiProperty() done!: number;
}

export class ActionItemCountsView {
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [ActionItemCountsRow] }) teams!: ActionItemCountsRow[];
}
