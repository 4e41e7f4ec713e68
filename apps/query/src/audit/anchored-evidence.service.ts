import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { incidentStreamId } from '@incident/domain';
import {
  buildEvidenceBundle,
  EVENT_STORE,
  serializeEvidenceBundle,
  storedStream,
  verifyAnchoredStream,
  verifyChain,
  type HashChainedEventStore,
} from '@incident/event-store';
import { AuditAnchors } from './audit-anchors';

/**
 * What the anchors on `audit.anchors` say about one incident: whether its stream as stored still matches every
 * head an anchor signed (the evidence that survives a database administrator), and the bundle an auditor takes
 * away to check on their own machine.
 */
@Injectable()
export class AnchoredEvidenceService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: HashChainedEventStore,
    private readonly anchors: AuditAnchors,
  ) {}

  async verify(incidentId: string) {
    const streamId = incidentStreamId(incidentId);
    const [{ audit }, events] = await Promise.all([this.anchors.audit(), storedStream(this.store.adapter, streamId)]);
    const heads = audit.heads.get(streamId) ?? [];
    // A stream the store has never heard of and no anchor names is unknown; one that anchors name is evidence.
    if (events.length === 0 && heads.length === 0) throw new NotFoundException(`incident ${incidentId} has no history`);
    const chain = verifyChain(events);
    const stream = verifyAnchoredStream(
      streamId,
      events.map((event) => event.metadata.hash),
      chain,
      heads,
    );
    return {
      incidentId,
      ok: stream.ok && audit.chain.ok,
      events: stream.events,
      chain,
      anchored: stream.anchored ?? null,
      unanchoredEvents: stream.unanchoredEvents,
      problems: stream.problems,
      anchorChain: { ok: audit.chain.ok, anchors: audit.chain.anchors, problems: audit.chain.problems },
    };
  }

  /** The bundle as canonical JSON text: the form its verifier insists on. */
  async bundle(incidentId: string): Promise<string> {
    const streamId = incidentStreamId(incidentId);
    const [{ audit, key }, events] = await Promise.all([
      this.anchors.audit(),
      storedStream(this.store.adapter, streamId),
    ]);
    if (events.length === 0) throw new NotFoundException(`incident ${incidentId} has no history`);
    const covering = audit.chain.trusted.filter((anchor) => anchor.leaves.some((leaf) => leaf.streamId === streamId));
    return serializeEvidenceBundle(buildEvidenceBundle(streamId, events, covering, key));
  }
}
