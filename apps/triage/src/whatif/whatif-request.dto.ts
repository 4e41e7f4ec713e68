import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SINCE_PATTERN } from '@incident/directory';

export const WHATIF_FORMATS = ['json', 'csv'] as const;

/** A proposed rule set (its YAML text) and the period of history to replay it over. */
export class WhatIfRequestDto {
  /** The proposed rule set, as the YAML file `incidentctl triage rules validate` reads. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000_000)
  rules!: string;

  /** Named in errors (`proposed.yaml:12 rules[3].when: …`); `proposed.yaml` by default. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fileName?: string;

  /** How far back from now (or from `to`): 12h, 30d, 2w; 30d by default. */
  @IsOptional()
  @Matches(SINCE_PATTERN, { message: 'since must be a number and a unit: 12h, 30d, 2w' })
  since?: string;

  @IsOptional()
  @IsISO8601()
  from?: string;

  @IsOptional()
  @IsISO8601()
  to?: string;

  /** `json` (totals and the rows that differ), or `csv` (the rows that differ). */
  @IsOptional()
  @IsIn(WHATIF_FORMATS)
  format?: (typeof WHATIF_FORMATS)[number];
}
