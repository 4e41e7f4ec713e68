/** The key from `Authorization: Bearer <key>` or the `X-Integration-Key` header. */
export function integrationKeyFrom(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const explicit = headers['x-integration-key'];
  if (typeof explicit === 'string' && explicit.trim() !== '') return explicit.trim();
  const authorization = headers['authorization'];
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
