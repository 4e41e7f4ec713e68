import type { AutomatedStep, Customer, Service } from '@incident/directory';

export interface ScalingFigures {
  /** Why it needs approval; empty when it stays within every limit. */
  readonly reasons: readonly string[];
  readonly monthlyCostDelta: number;
  readonly currency: string;
  /** Every figure the decision used, for the event. */
  readonly table: Readonly<Record<string, string | number | null>>;
}

const money = (amount: number, currency: string): string => `${amount} ${currency}`;

/**
 * The within-limits test of a scaling step: the size it leads to must stay in the service's autoscale range,
 * and the monthly cost change must stay within the service's cost step and below the customer's approval
 * threshold (a saving counts as a change too: it is the customer's bill). A figure that is unknown or in
 * another currency cannot be compared, so it is a reason to ask, never to go ahead.
 */
export function scalingFigures(
  step: AutomatedStep,
  currentSize: number | null,
  limits: Service['autoscale'] | undefined,
  customer: Customer | undefined,
): ScalingFigures {
  const by = step.by ?? 0;
  const unit = step.unitMonthlyCost ?? { amount: 0, currency: 'EUR' };
  const sign = step.action === 'scale_down' ? -1 : 1;
  const monthlyCostDelta = sign * by * unit.amount;
  const change = Math.abs(monthlyCostDelta);
  const targetSize = currentSize === null ? null : currentSize + sign * by;
  const threshold = customer?.approvalThresholdPerMonth;
  const reasons: string[] = [];

  if (targetSize === null) reasons.push('the current size is unknown (the alert carries no instances label)');
  if (limits === undefined) reasons.push('the service has no autoscale limits in the directory');
  if (limits !== undefined && targetSize !== null && targetSize > limits.maxSize) {
    reasons.push(`size ${targetSize} is above the autoscale maximum ${limits.maxSize}`);
  }
  if (limits !== undefined && targetSize !== null && targetSize < limits.minSize) {
    reasons.push(`size ${targetSize} is below the autoscale minimum ${limits.minSize}`);
  }
  const costStep = limits?.maxMonthlyCostStep;
  if (costStep !== undefined && costStep.currency !== unit.currency) {
    reasons.push(`the cost step is in ${costStep.currency}, the unit cost in ${unit.currency}`);
  } else if (costStep !== undefined && change > costStep.amount) {
    reasons.push(
      `a change of ${money(change, unit.currency)} exceeds the service's cost step ${money(costStep.amount, costStep.currency)}`,
    );
  }
  if (threshold === undefined) reasons.push('the customer is not in the directory');
  else if (threshold.currency !== unit.currency) {
    reasons.push(`the approval threshold is in ${threshold.currency}, the unit cost in ${unit.currency}`);
  } else if (change >= threshold.amount) {
    reasons.push(
      `a change of ${money(change, unit.currency)} a month is not below the approval threshold ${money(threshold.amount, threshold.currency)}`,
    );
  }

  return {
    reasons,
    monthlyCostDelta,
    currency: unit.currency,
    table: {
      currentSize,
      targetSize,
      minSize: limits?.minSize ?? null,
      maxSize: limits?.maxSize ?? null,
      unitMonthlyCost: unit.amount,
      monthlyCostDelta,
      currency: unit.currency,
      maxMonthlyCostStep: costStep?.amount ?? null,
      approvalThreshold: threshold?.amount ?? null,
      approvalThresholdCurrency: threshold?.currency ?? null,
    },
  };
}
