// Replays every mutant a fuzz campaign saved under test/fixtures/fuzz/ (a .bin with a .json
// sidecar naming its fixture, mutation and failure): each must now pass the campaign's checks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCampaign, judge } from './campaign.js';
import { ScanPool } from './pool.js';

const dir = fileURLToPath(new URL('../fixtures/fuzz/', import.meta.url));
// The folder appears with the first failure a campaign saves; until then there is nothing to replay.
const saved = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')).sort() : [];

describe.skipIf(saved.length === 0)('saved fuzz failures', () => {
  const pool = new ScanPool(1, defaultCampaign);
  afterAll(() => pool.close());

  it.each(saved)('%s passes', async (name) => {
    const sidecar = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { readonly notComplete: boolean; readonly mutation: string };
    const outcome = await pool.scan(0, join(dir, name.replace(/\.json$/, '.bin')));
    expect(judge(outcome, { notComplete: sidecar.notComplete, rssLimitMiB: defaultCampaign.rssLimitMiB })).toBeUndefined();
  }, 120_000);
});
