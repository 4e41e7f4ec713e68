import { IsUrl, MaxLength } from 'class-validator';
import { IsNonEmptyText, IsOptionalText } from '../field-validators';

/** A link of a change event (the pull request, the pipeline run), as PagerDuty's `links[]`. */
export class ChangeLinkDto {
  @IsNonEmptyText(2048)
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'href must be an absolute URL' })
  href!: string;

  @IsOptionalText()
  @MaxLength(1024)
  text?: string;
}
