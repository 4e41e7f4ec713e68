import type { DataSource } from 'typeorm';
import { qualified } from '../schema/read-model-schema';

/** `open`: not done yet (overdue ones included); `overdue`: open and past its due time; `done`: completed. */
export const ACTION_ITEM_QUERY_STATUSES = ['open', 'overdue', 'done'] as const;
export type ActionItemQueryStatus = (typeof ACTION_ITEM_QUERY_STATUSES)[number];

/** Stands for an owner who was in no team of the directory when the item was added. */
export const NO_TEAM = 'none';

export interface ActionItemFilter {
  readonly team?: string;
  readonly owner?: string;
  readonly status?: ActionItemQueryStatus;
  readonly limit: number;
}

export interface ActionItemView {
  readonly incidentId: string;
  readonly actionItemId: string;
  readonly kind: string;
  readonly title: string;
  readonly owner: string;
  readonly team: string;
  readonly dueDate: string;
  readonly dueAt: string;
  readonly ticketUrl: string | null;
  readonly status: 'open' | 'done';
  readonly overdue: boolean;
  readonly addedAt: string;
  readonly completedAt: string | null;
  readonly completedBy: string | null;
  readonly evidence: string | null;
}

export interface ActionItemCounts {
  readonly team: string;
  readonly open: number;
  readonly overdue: number;
  readonly done: number;
}

interface ItemRow {
  incident_id: string;
  action_item_id: string;
  kind: string;
  title: string;
  owner: string;
  team: string;
  due_date: string;
  due_at: Date;
  ticket_url: string | null;
  status: 'open' | 'completed';
  overdue: boolean;
  added_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  evidence: string | null;
}

const STATUS_CONDITION: Record<ActionItemQueryStatus, string> = {
  open: `status = 'open'`,
  overdue: `status = 'open' AND due_at <= $1`,
  done: `status = 'completed'`,
};

/**
 * Action items by the owner's team, soonest due first (done ones most recently completed first). Overdue is
 * judged at `now`, the caller's clock, against the due time the projection stored.
 */
export async function listActionItems(
  dataSource: DataSource,
  filter: ActionItemFilter,
  now: Date,
): Promise<ActionItemView[]> {
  const conditions = [
    filter.status ? STATUS_CONDITION[filter.status] : 'true',
    `($2::text IS NULL OR COALESCE(owner_team, '${NO_TEAM}') = $2)`,
    `($3::text IS NULL OR owner = $3)`,
  ];
  const order = filter.status === 'done' ? 'completed_at DESC' : 'due_at';
  const rows: ItemRow[] = await dataSource.query(
    `SELECT incident_id, action_item_id, kind, title, owner, COALESCE(owner_team, '${NO_TEAM}') AS team,
       to_char(due_date, 'YYYY-MM-DD') AS due_date, due_at, ticket_url, status,
       (status = 'open' AND due_at <= $1) AS overdue, added_at, completed_at, completed_by, evidence
     FROM ${qualified('action_item')}
     WHERE ${conditions.join(' AND ')}
     ORDER BY ${order}, incident_id, action_item_id
     LIMIT $4`,
    [now, filter.team ?? null, filter.owner ?? null, filter.limit],
  );
  return rows.map((row) => ({
    incidentId: row.incident_id,
    actionItemId: row.action_item_id,
    kind: row.kind,
    title: row.title,
    owner: row.owner,
    team: row.team,
    dueDate: row.due_date,
    dueAt: row.due_at.toISOString(),
    ticketUrl: row.ticket_url,
    status: row.status === 'completed' ? 'done' : 'open',
    overdue: row.overdue,
    addedAt: row.added_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    completedBy: row.completed_by,
    evidence: row.evidence,
  }));
}

/** Open, overdue (a subset of open) and done items per team, at `now`; one team when asked. */
export async function actionItemCounts(dataSource: DataSource, now: Date, team?: string): Promise<ActionItemCounts[]> {
  const rows: ActionItemCounts[] = await dataSource.query(
    `SELECT COALESCE(owner_team, '${NO_TEAM}') AS team,
       count(*) FILTER (WHERE status = 'open')::int AS open,
       count(*) FILTER (WHERE status = 'open' AND due_at <= $1)::int AS overdue,
       count(*) FILTER (WHERE status = 'completed')::int AS done
     FROM ${qualified('action_item')}
     WHERE $2::text IS NULL OR COALESCE(owner_team, '${NO_TEAM}') = $2
     GROUP BY 1
     ORDER BY 1`,
    [now, team ?? null],
  );
  return rows;
}
