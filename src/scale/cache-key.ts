/**
 * The cache key of one input's result: everything the result depends on. The content's sha256;
 * the path (finding ids and `location.input` are derived from it); the fwsift version; the
 * packs by content hash; and the options as the report records them (limits and context sizes
 * change results; output options such as --redact or --baseline are applied afterwards and do
 * not). Per-object keys inside an input are the walker's business, not this one's.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../report/types.js';

/** Bump when the entry layout or key recipe changes: old entries are then never read. */
export const cacheFormat = 'fwsift-cache-1';

export type RunIdentity = Pick<Report['run'], 'options' | 'patternPacks'> & { readonly toolVersion: string };

export function runIdentity(template: Report): RunIdentity {
  return { toolVersion: template.tool.version, options: template.run.options, patternPacks: template.run.patternPacks };
}

export function cacheKey(contentSha256: string, path: Buffer, run: RunIdentity): string {
  const packs = run.patternPacks.map((pack) => `${pack.id}@${pack.sha256}`);
  const material = JSON.stringify([cacheFormat, contentSha256, path.toString('hex'), run.toolVersion, packs, canonical(run.options)]);
  return createHash('sha256').update(material).digest('hex');
}

/** Object keys sorted at every depth, so key order never changes a key. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
}
