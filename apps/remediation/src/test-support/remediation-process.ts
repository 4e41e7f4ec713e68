import { BuiltServiceProcess, kafkaBrokers } from '@incident/testing';

export type RemediationProcess = BuiltServiceProcess;

/** `node apps/remediation/dist/main.js`, as the launcher would start it, with the suite's variables. */
export function startRemediationProcess(env: Record<string, string>): Promise<RemediationProcess> {
  return BuiltServiceProcess.launch('remediation', { KAFKA_BROKERS: kafkaBrokers().join(','), ...env });
}
