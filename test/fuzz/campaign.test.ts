// A short seeded fuzz campaign (campaign.ts) over every handler's fixtures: mutants scanned in
// two child processes with a time and RSS limit; any failure fails the test, its mutant named.
// About 90 s on 2 cores; set FWSIFT_SKIP_FUZZ=1 to skip it in local runs.
import { env } from 'node:process';
import { describe, expect, it } from 'vitest';
import { defaultCampaign, runCampaign } from './campaign.js';
import { loadCorpus } from './corpus.js';

const ciSeed = 20261207;

describe.skipIf(env['FWSIFT_SKIP_FUZZ'] === '1')('seeded fuzz campaign', () => {
  it(`seed ${ciSeed}: two mutants per family, no crash, hang, internal problem, RSS over 256 MiB, invalid report or cut input reported complete`, async () => {
    const families = loadCorpus().size;
    const result = await runCampaign({ ...defaultCampaign, seed: ciSeed, mutants: 2 * families, minutes: 2.5, timeoutMs: 30_000 });
    expect(result.failures).toEqual([]);
    expect(Object.keys(result.byFamily).length).toBe(families);
  }, 200_000);
});
