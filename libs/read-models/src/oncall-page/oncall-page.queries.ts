import type { DataSource } from 'typeorm';
import { OncallPage } from './oncall-page.entity';

/** An incident's pages, oldest first. */
export async function incidentPages(dataSource: DataSource, incidentId: string): Promise<OncallPage[]> {
  return dataSource.getRepository(OncallPage).find({ where: { incidentId }, order: { pagedAt: 'ASC', pageId: 'ASC' } });
}
