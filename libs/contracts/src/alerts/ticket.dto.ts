import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { SEVERITIES, type Severity } from '@incident/domain';
import { IsNonEmptyText } from '../field-validators';

export const TICKET_KINDS = ['application', 'infrastructure'] as const;

/** A ticket filed by a customer (`ticket-urgent.json`). */
export class TicketDto {
  @IsNonEmptyText(200)
  customer!: string;

  @IsIn(SEVERITIES)
  priority!: Severity;

  @IsNonEmptyText(1024)
  subject!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  description?: string;

  @IsOptional()
  @IsEmail()
  reportedBy?: string;

  @IsIn(TICKET_KINDS)
  kind!: (typeof TICKET_KINDS)[number];

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  service?: string;
}
