import { Column, Entity, PrimaryColumn } from 'typeorm';
import { READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/**
 * Time logged against a customer's pre-approved hours, per calendar month (`YYYY-MM`, the period the domain
 * records on TimeLogged; the UTC month of the entry when it recorded none). Drills count against nobody.
 */
@Entity({ name: 'customer_hours', schema: READ_MODEL_SCHEMA })
export class CustomerHours {
  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @PrimaryColumn({ type: 'text' })
  period!: string;

  /**
   * Pre-approved minutes for the period: the directory's `preApprovedHoursPerMonth` in force at the period's
   * latest entry, or the budget an overrun event recorded; null while neither is known.
   */
  @Column({ name: 'budget_minutes', type: 'integer', nullable: true })
  budgetMinutes!: number | null;

  @Column({ name: 'used_minutes', type: 'integer' })
  usedMinutes!: number;

  @Column({ name: 'corrective_minutes', type: 'integer' })
  correctiveMinutes!: number;

  @Column({ name: 'preventive_minutes', type: 'integer' })
  preventiveMinutes!: number;

  @Column({ name: 'investigation_minutes', type: 'integer' })
  investigationMinutes!: number;

  /** used - budget when over it, else 0 (also 0 while the budget is unknown). */
  @Column({ name: 'overrun_minutes', type: 'integer' })
  overrunMinutes!: number;

  /** When the entry that first took the period past its budget was logged. */
  @Column({ name: 'exceeded_at', type: 'timestamptz', nullable: true })
  exceededAt!: Date | null;

  @Column({ type: 'integer' })
  entries!: number;

  @Column({ name: 'last_logged_at', type: 'timestamptz' })
  lastLoggedAt!: Date;
}

/**
 * Whose incident each is: TimeLogged names only the incident, so the projection keeps this lookup of its own
 * (projections never read each other's tables: each moves at its own pace).
 */
@Entity({ name: 'customer_hours_incident', schema: READ_MODEL_SCHEMA })
export class CustomerHoursIncident {
  @PrimaryColumn({ name: 'incident_id', type: 'text' })
  incidentId!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ type: 'boolean' })
  drill!: boolean;
}
