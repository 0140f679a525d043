/**
 * `npm run fuzz -- [--minutes N] [--mutants M] [--seed S] [--children C] [--timeout-ms T] [--no-save]`:
 * a fuzz campaign over every handler's fixtures (campaign.ts). Failing mutants are saved under
 * test/fixtures/fuzz/ (replayed by test/fuzz/replay.test.ts); the summary is printed as JSON.
 * Exit 1 when anything failed.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultCampaign, runCampaign } from './campaign.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    mutants: { type: 'string', default: String(Number.MAX_SAFE_INTEGER) },
    seed: { type: 'string', default: '1' },
    children: { type: 'string', default: String(defaultCampaign.children) },
    'timeout-ms': { type: 'string', default: String(defaultCampaign.timeoutMs) },
    'no-save': { type: 'boolean', default: false },
  },
});

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    process.stderr.write(`fuzz: --${name} must be a positive number, not '${text}'\n`);
    process.exit(2);
  }
  return value;
}

const result = await runCampaign({
  seed: Math.trunc(positive('seed', values.seed)),
  minutes: positive('minutes', values.minutes),
  mutants: Math.trunc(positive('mutants', values.mutants)),
  children: Math.trunc(positive('children', values.children)),
  timeoutMs: positive('timeout-ms', values['timeout-ms']),
  rssLimitMiB: defaultCampaign.rssLimitMiB,
  ...(values['no-save'] ? {} : { saveDir: fileURLToPath(new URL('../fixtures/fuzz/', import.meta.url)) }),
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.exitCode = result.failures.length > 0 ? 1 : 0;
