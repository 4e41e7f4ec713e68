import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { ACTION_ITEM_KINDS, type ActionItemKind, FIX_TERMS, type FixTerm } from '@incident/domain';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** The revision the editor read (GET …/review), when it is not sent as `If-Match`. */
class Revisioned {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;
}

/** The responders' analysis: 5 Whys (the default) or another named technique. */
export class RecordRootCauseDto extends Revisioned {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  technique?: string;

  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  whys!: string[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  rootCause!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  contributingFactors?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUrl(URL_OPTIONS, { each: true })
  evidenceLinks?: string[];

  /** Did the fix that ended the incident hold (`long_term`) or only buy time (`short_term`)? */
  @IsOptional()
  @IsIn(FIX_TERMS)
  fixTerm?: FixTerm;
}

export class AddActionItemDto extends Revisioned {
  @IsIn(ACTION_ITEM_KINDS)
  kind!: ActionItemKind;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  /** A person of the directory. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  owner!: string;

  /** `YYYY-MM-DD`, or a full timestamp. */
  @Matches(/^\d{4}-\d{2}-\d{2}($|T)/, { message: 'dueDate must be YYYY-MM-DD or an ISO-8601 timestamp' })
  @IsISO8601({ strict: true })
  dueDate!: string;

  @IsOptional()
  @IsUrl(URL_OPTIONS)
  ticketUrl?: string;
}

export class CompleteActionItemDto extends Revisioned {
  /** What shows it is done: a link (the merged change, the dashboard) or a note. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  evidence!: string;
}
