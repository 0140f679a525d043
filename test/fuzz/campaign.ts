/**
 * A fuzz campaign: mutants of every family's fixtures in turn (mutate.ts), scanned in a pool of
 * child processes (pool.ts). Mutant `i` depends only on (seed, i), so a seed names a campaign and
 * a failure can be made again. Failures: the scan threw or its child died, a hang (time limit),
 * an `internal` problem, peak RSS over the limit, a missing or invalid report, and a truncated
 * input reported `complete` (when its original was complete, the cut kept enough to recognise the
 * format and removed more than padding, and the input is not a blob or a text; corpus.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { endsAnywhere, loadCorpus, recognisableBytes, type Fixture } from './corpus.js';
import { mutate, mutationKinds, type Mutant } from './mutate.js';
import { ScanPool, type Outcome } from './pool.js';
import { Random, mutantSeed } from './random.js';

export interface CampaignOptions {
  readonly seed: number;
  /** Stop after this many mutants … */
  readonly mutants: number;
  /** … or after this long, whichever comes first. */
  readonly minutes: number;
  readonly children: number;
  readonly timeoutMs: number;
  readonly rssLimitMiB: number;
  /** Where failing mutants are saved as named fixtures (none when undefined). */
  readonly saveDir?: string;
  readonly log?: (line: string) => void;
}

export const defaultCampaign = { children: 2, timeoutMs: 60_000, rssLimitMiB: 256 } as const;

export interface Failure {
  readonly index: number;
  readonly fixture: string;
  readonly mutation: string;
  readonly kind: 'crash' | 'hang' | 'internal' | 'rss' | 'invalid-report' | 'truncated-complete';
  readonly detail: string;
  /** The saved fixture, when saved. */
  readonly saved?: string;
}

export interface CampaignResult {
  readonly seed: number;
  readonly mutants: number;
  readonly byFamily: Readonly<Record<string, number>>;
  readonly byMutation: Readonly<Record<string, number>>;
  readonly failures: readonly Failure[];
  readonly peakRssMiB: number;
  readonly seconds: number;
}

/** What a mutant must show, and the checks that make its outcome a failure. */
export interface Expectation {
  /** The cut removed bytes that matter from an input that scanned `complete`. */
  readonly notComplete: boolean;
  readonly rssLimitMiB: number;
}

export function judge(outcome: Outcome, expectation: Expectation): Pick<Failure, 'kind' | 'detail'> | undefined {
  if (outcome.kind !== 'answer') return { kind: outcome.kind === 'hang' ? 'hang' : 'crash', detail: outcome.detail };
  const { answer } = outcome;
  if (answer.error !== undefined) return { kind: answer.error.startsWith('scan threw') ? 'crash' : 'invalid-report', detail: answer.error };
  if (answer.maxRssKiB > expectation.rssLimitMiB * 1024) return { kind: 'rss', detail: `peak RSS ${Math.round(answer.maxRssKiB / 1024)} MiB` };
  if ((answer.internal ?? []).length > 0) return { kind: 'internal', detail: answer.internal!.join('; ') };
  if (expectation.notComplete && answer.status === 'complete') return { kind: 'truncated-complete', detail: `cut input reported complete (${answer.findings} findings)` };
  return undefined;
}

/** True when bytes past `at` hold anything but padding (0x00, 0xFF). */
function meaningfulTail(bytes: Uint8Array, at: number): boolean {
  for (let i = at; i < bytes.length; i++) if (bytes[i] !== 0x00 && bytes[i] !== 0xff) return true;
  return false;
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const corpus = loadCorpus();
  const families = [...corpus.keys()];
  const all = [...corpus.values()].flat();
  const pool = new ScanPool(options.children, options);
  const work = mkdtempSync(join(tmpdir(), 'fwsift-fuzz-'));
  const failures: Failure[] = [];
  const byFamily: Record<string, number> = {};
  const byMutation: Record<string, number> = {};
  try {
    // Whether an original scans complete decides the truncation check; asked once, when needed.
    const complete = new Map<string, Promise<boolean>>();
    const originalComplete = (fixture: Fixture): Promise<boolean> => {
      let known = complete.get(fixture.path);
      if (known === undefined) {
        known = pool.scan(-1, fixture.path).then((outcome) => outcome.kind === 'answer' && outcome.answer.status === 'complete');
        complete.set(fixture.path, known);
      }
      return known;
    };
    log(`${all.length} fixtures in ${families.length} families, seed ${options.seed}`);
    const deadline = started + options.minutes * 60_000;
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < options.mutants && Date.now() < deadline; index = next++) {
        const { fixture, mutant, kindName } = makeMutant(options.seed, index, families, corpus, all);
        const path = join(work, `${index}.bin`);
        writeFileSync(path, mutant.bytes);
        const mustEnd = mutant.truncated && mutant.bytes.length >= recognisableBytes && !endsAnywhere(fixture) && meaningfulTail(fixture.bytes, mutant.bytes.length);
        const expectation = { rssLimitMiB: options.rssLimitMiB, notComplete: mustEnd && (await originalComplete(fixture)) };
        const verdict = judge(await pool.scan(index, path), expectation);
        rmSync(path, { force: true });
        byFamily[fixture.family] = (byFamily[fixture.family] ?? 0) + 1;
        byMutation[kindName] = (byMutation[kindName] ?? 0) + 1;
        if (verdict === undefined) continue;
        const failure: Failure = { index, fixture: fixture.path, mutation: mutant.label, ...verdict };
        const saved = options.saveDir === undefined ? undefined : save(options.saveDir, options.seed, failure, mutant, expectation);
        failures.push(saved === undefined ? failure : { ...failure, saved });
        log(`FAIL #${index} ${basename(fixture.path)} ${mutant.label}: ${verdict.kind}: ${verdict.detail.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: options.children }, worker));
    const mutants = Object.values(byFamily).reduce((sum, count) => sum + count, 0);
    failures.sort((a, b) => a.index - b.index);
    return { seed: options.seed, mutants, byFamily, byMutation, failures, peakRssMiB: Math.round(pool.peakRssKiB / 1024), seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    pool.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Mutant `index` of a campaign: its family in turn, then fixture, mutation and donor from its own seed. */
export function makeMutant(seed: number, index: number, families: readonly string[], corpus: ReadonlyMap<string, readonly Fixture[]>, all: readonly Fixture[]): { fixture: Fixture; mutant: Mutant; kindName: string } {
  const random = new Random(mutantSeed(seed, index));
  const fixture = random.pick(corpus.get(families[index % families.length]!)!);
  const kindName = random.pick(mutationKinds);
  const donors = all.filter((candidate) => candidate.family !== fixture.family);
  const donor = random.pick(donors.length > 0 ? donors : all);
  return { fixture, mutant: mutate(kindName, fixture.bytes, random, donor.bytes), kindName };
}

/** Saves a failing mutant as `<family>--<kind>--<fixture>--<seed>-<index>.bin` with a JSON sidecar for the replay test. */
function save(dir: string, seed: number, failure: Omit<Failure, 'saved'>, mutant: Mutant, expectation: Expectation): string {
  mkdirSync(dir, { recursive: true });
  const family = basename(join(failure.fixture, '..'));
  const name = `${family}--${failure.kind}--${basename(failure.fixture).replace(/[^\w.-]/g, '_')}--${seed}-${failure.index}`;
  writeFileSync(join(dir, `${name}.bin`), mutant.bytes);
  const sidecar = { fixture: failure.fixture.slice(failure.fixture.indexOf('test/fixtures/')), mutation: failure.mutation, seed, index: failure.index, failure: failure.kind, detail: failure.detail.slice(0, 500), notComplete: expectation.notComplete };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(sidecar, null, 2)}\n`);
  return name;
}
