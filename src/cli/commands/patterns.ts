/**
 * `fwsift patterns coverage|export|show|list|test|lint`: look at what the packs search for. Wiring
 * only: the texts come from the library (`src/patterns/coverage.ts`, `export.ts`,
 * `describe.ts`); output goes to stdout or to the file named.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  describePacks,
  describeTerm,
  expandTerms,
  exportRipgrep,
  exportYara,
  loadPackFile,
  PatternPackError,
  preparePatterns,
  renderCoverageTable,
  renderPatternTest,
  sanitizeForDisplay,
  testPatterns,
  type Pack,
  type PreparedPatterns,
} from '../../index.js';
import { exitCodes } from '../exit-code.js';

interface RawPackOptions {
  readonly patterns?: string[];
  readonly patternsOnly?: boolean;
}

interface RawExportOptions extends RawPackOptions {
  readonly rg?: string;
  readonly yara?: string;
  readonly exactCase?: boolean;
}

export function registerPatterns(program: Command, setStatus: (code: number) => void): void {
  const patterns = program.command('patterns').description('inspect, check and export the pattern packs');
  const withPacks = (command: Command) =>
    command
      .option('--patterns <files...>', 'extra pattern pack files, used with the shipped packs')
      .option('--patterns-only', 'use only the packs given with --patterns');

  withPacks(patterns.command('coverage').description('the term × spelling × encoding × form matrix: what is searched, unencodable or disabled')).action(
    async (raw: RawPackOptions) => setStatus(await withPrepared(raw, (prepared) => coverage(prepared))),
  );

  withPacks(
    patterns
      .command('export')
      .description('write the needles as a ripgrep pattern file (rg -a -f FILE) or as YARA rules')
      .option('--rg <file>', 'ripgrep pattern file, one (?-u:\\xNN…) line per needle ("-" for standard output)')
      .option('--yara <file>', 'YARA rules, one rule per term with hex strings ("-" for standard output)')
      .option('--exact-case', 'ripgrep: exact bytes only, without [\\x41\\x61] classes for folded case (fewer hits, faster)'),
  ).action(async (raw: RawExportOptions) => {
    if (raw.rg === undefined && raw.yara === undefined) {
      process.stderr.write('fwsift: patterns export needs --rg FILE or --yara FILE\n');
      setStatus(exitCodes.error);
      return;
    }
    setStatus(
      await withPrepared(raw, async ({ matcher }) => {
        if (raw.rg !== undefined) await output(raw.rg, exportRipgrep(matcher.needles, { exactCase: raw.exactCase === true }));
        if (raw.yara !== undefined) await output(raw.yara, exportYara(matcher.needles));
        return exitCodes.clean;
      }),
    );
  });

  withPacks(patterns.command('show').description('a term and its needles in every encoding and form, in hex').argument('<id>', 'term id, e.g. zh.renzhong')).action(
    async (id: string, raw: RawPackOptions) =>
      setStatus(
        await withPrepared(raw, ({ packs }) => {
          const text = describeTerm(expandTerms(terms(packs)), id, sanitizeForDisplay);
          if (text === undefined) {
            process.stderr.write(`fwsift: no term ${JSON.stringify(sanitizeForDisplay(id))} in the loaded packs (see fwsift patterns list)\n`);
            return exitCodes.error;
          }
          process.stdout.write(text);
          return exitCodes.clean;
        }),
      ),
  );

  withPacks(patterns.command('list').description('the loaded packs with their versions and term, spelling and needle counts')).action(async (raw: RawPackOptions) =>
    setStatus(
      await withPrepared(raw, ({ packs }) => {
        process.stdout.write(`${describePacks(packs, expandTerms(terms(packs)))}\n`);
        return exitCodes.clean;
      }),
    ),
  );

  withPacks(
    patterns
      .command('test')
      .description('scan FILE and list every term it triggers, with verification, confidence and reasons (exit 2 when it could not be scanned completely)')
      .argument('<file>', 'a file (or directory) to try the packs on'),
  ).action(async (file: string, raw: RawPackOptions) => {
    try {
      const result = await testPatterns([file], { patterns: raw.patterns ?? [], patternsOnly: raw.patternsOnly === true });
      process.stdout.write(renderPatternTest(result, sanitizeForDisplay));
      setStatus(result.report.inputs.every((input) => input.status === 'complete') ? exitCodes.clean : exitCodes.error);
    } catch (error) {
      if (!(error instanceof PatternPackError)) throw error;
      process.stderr.write(`fwsift: ${error.message}\n`);
      setStatus(exitCodes.error);
    }
  });

  patterns
    .command('lint')
    .description('check pattern pack files; prints each problem with its file and JSON pointer (exit 2 when there is one)')
    .argument('<files...>', 'pack files')
    .action(async (files: string[]) => {
      let problems = 0;
      for (const file of files) {
        const result = await loadPackFile(file);
        if (result.ok) {
          process.stdout.write(`${file}: ok (${result.pack.id} ${result.pack.version}, ${result.pack.terms.length} terms)\n`);
          continue;
        }
        for (const problem of result.problems) {
          problems++;
          process.stdout.write(`${problem.file} ${problem.pointer === '' ? '/' : problem.pointer}: ${sanitizeForDisplay(problem.message)}\n`);
        }
      }
      setStatus(problems > 0 ? exitCodes.error : exitCodes.clean);
    });
}

function coverage({ packs, matcher }: PreparedPatterns): number {
  const set = expandTerms(terms(packs));
  const { automaton } = matcher;
  process.stdout.write(renderCoverageTable(set, sanitizeForDisplay));
  process.stdout.write(
    `automaton: ${automaton.stateCount} states (${automaton.denseStateCount} dense), ${automaton.classCount} byte classes, ${(automaton.memoryUsage / 2 ** 20).toFixed(1)} MiB\n`,
  );
  return exitCodes.clean;
}

function terms(packs: readonly Pack[]) {
  return packs.flatMap((pack) => pack.terms);
}

/** Loads the packs (a bad pack is a usage error: exit 2 with its problems) and runs `action`. */
async function withPrepared(raw: RawPackOptions, action: (prepared: PreparedPatterns) => number | Promise<number>): Promise<number> {
  let prepared: PreparedPatterns;
  try {
    prepared = await preparePatterns({ patterns: raw.patterns ?? [], patternsOnly: raw.patternsOnly === true });
  } catch (error) {
    if (!(error instanceof PatternPackError)) throw error;
    process.stderr.write(`fwsift: ${error.message}\n`);
    return exitCodes.error;
  }
  return action(prepared);
}

async function output(path: string, text: string): Promise<void> {
  if (path === '-') process.stdout.write(text);
  else await writeFile(path, text);
}
