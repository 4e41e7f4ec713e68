import catalogue from './services.json';

/** The platform's services, their default HTTP ports and what each owns. One list, read by the launcher too. */
export interface ServiceDescriptor {
  readonly name: ServiceName;
  readonly port: number;
  readonly summary: string;
}

export const SERVICE_NAMES = [
  'query',
  'intake',
  'triage',
  'escalation',
  'remediation',
  'review',
  'relay',
  'console',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export const SERVICES: readonly ServiceDescriptor[] = catalogue.map((entry) => {
  if (!(SERVICE_NAMES as readonly string[]).includes(entry.name)) {
    throw new Error(`services.json names an unknown service: ${entry.name}`);
  }
  return { ...entry, name: entry.name as ServiceName };
});

export function serviceDescriptor(name: ServiceName): ServiceDescriptor {
  const found = SERVICES.find((service) => service.name === name);
  if (!found) throw new Error(`no service named ${name} in services.json`);
  return found;
}

/** The environment variable that overrides a service's HTTP port, e.g. INTAKE_PORT. */
export function portVariable(name: ServiceName): string {
  return `${name.toUpperCase()}_PORT`;
}
