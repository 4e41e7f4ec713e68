import type { Upcaster } from '../upcasting';
import { incidentOpenedV1Upcaster } from './incident-opened-v1.upcaster';
import { incidentResolvedV1Upcaster } from './incident-resolved-v1.upcaster';

/** Every upcaster the platform registers, in one list for EventStore's options. */
export const INCIDENT_UPCASTERS: readonly Upcaster[] = [incidentOpenedV1Upcaster, incidentResolvedV1Upcaster];
