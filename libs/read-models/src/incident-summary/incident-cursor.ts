/** Where a page of incidents ended, in the list's order (opened_at descending, then incident id descending). */
export interface IncidentCursor {
  readonly openedAt: Date;
  readonly incidentId: string;
}

export class InvalidCursor extends Error {
  constructor() {
    super('cursor is not one this API returned');
    this.name = 'InvalidCursor';
  }
}

/** Opaque to clients (base64url JSON) so the order's columns can change without breaking their code. */
export function encodeCursor(cursor: IncidentCursor): string {
  return Buffer.from(JSON.stringify([cursor.openedAt.toISOString(), cursor.incidentId])).toString('base64url');
}

export function decodeCursor(text: string): IncidentCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [openedAt, incidentId] = decoded as unknown[];
      const date = typeof openedAt === 'string' ? new Date(openedAt) : undefined;
      if (date && !Number.isNaN(date.getTime()) && typeof incidentId === 'string')
        return { openedAt: date, incidentId };
    }
  } catch {
    // fall through: malformed base64 or JSON is as invalid as a well-formed stranger
  }
  throw new InvalidCursor();
}
