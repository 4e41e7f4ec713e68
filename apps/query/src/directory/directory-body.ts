import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';

const MAX_BYTES = 1024 * 1024;
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/**
 * The YAML text of PUT /v1/directory: a YAML body as sent (the platform parses JSON bodies only, so a YAML one is
 * still unread in the stream, and reading it here keeps the YAML parser out of every other route), or JSON {yaml}.
 */
export async function directoryText(request: Request): Promise<string> {
  const type = (request.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') {
    const body: unknown = request.body;
    const yaml = typeof body === 'object' && body !== null ? (body as { yaml?: unknown }).yaml : undefined;
    if (typeof yaml !== 'string') throw new BadRequestException('a JSON body must be {"yaml": "<the directory>"}');
    return yaml;
  }
  if (!YAML_TYPES.includes(type)) {
    throw new BadRequestException('send the directory as application/yaml, or as application/json {"yaml": …}');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) throw new PayloadTooLargeException(`a directory is at most ${MAX_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
