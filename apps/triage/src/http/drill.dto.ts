import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A drill: the name of one of the rule set's `drillScenarios`. */
export class StartDrillDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  scenario!: string;
}
