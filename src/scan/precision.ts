/**
 * Precision measurement on real clean material nobody here wrote (issue #7): Debian packages
 * rich in Chinese text and binaries (gettext catalogues, Chinese man pages, CJK fonts, CMaps,
 * input-method dictionaries, documentation, `/usr/bin`). None of it is about ethnicity
 * analytics, so every `high` finding is a false positive of a pack, and the medium and low
 * findings show what the ambiguous and medium terms cost in noise, with the reasons that placed
 * them there.
 *
 * `bench/precision.mjs` (built code) and `test/precision/debian.test.ts` (source) both use this
 * module: the material list, the summary and the Markdown written into docs/precision.md
 * between the generated-section markers. Everything here is pure apart from
 * `resolveMaterial`, which lists directories.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { precisions, type Precision } from '../patterns/types.js';
import type { Confidence, FindingJson, LosslessText, Report } from '../report/types.js';

/** One place of the clean corpus and the Debian packages that fill it. */
export interface MaterialEntry {
  readonly path: string;
  /** What the bytes are, for the docs table. */
  readonly what: string;
  /** Debian packages installed for it by `.ci/run` (their versions are recorded); empty for the base system. */
  readonly packages: readonly string[];
  /** Only these file names when `path` is a directory (read one level deep); default: the whole tree. */
  readonly include?: RegExp;
}

/**
 * The clean corpus. `.ci/run` installs the named packages (about 50 MB of downloads); a path
 * that is missing on a machine is reported as absent, never silently dropped. The PDF copies of
 * the Debian Reference are left out: the same text is scanned as HTML and text, and the PDF
 * text view costs more than a minute each.
 */
export const debianMaterial: readonly MaterialEntry[] = [
  { path: '/usr/share/locale/zh_CN', what: 'gettext catalogues (.mo), simplified Chinese, of every installed package', packages: [] },
  { path: '/usr/share/locale/zh_TW', what: 'gettext catalogues (.mo), traditional Chinese', packages: [] },
  { path: '/usr/share/man/zh_CN', what: 'Chinese man pages (gzip, simplified)', packages: ['manpages-zh'] },
  { path: '/usr/share/man/zh_TW', what: 'Chinese man pages (gzip, traditional)', packages: ['manpages-zh'] },
  { path: '/usr/share/fonts/truetype/arphic', what: 'AR PL UKai CJK font collection (TTC, 17 MB)', packages: ['fonts-arphic-ukai'] },
  { path: '/usr/share/fonts/truetype/wqy', what: 'WenQuanYi Zen Hei and Micro Hei CJK fonts (TTC)', packages: ['fonts-wqy-zenhei', 'fonts-wqy-microhei'] },
  { path: '/usr/share/poppler', what: 'poppler CMaps and CJK encoding tables (GB, Big5, CNS, Japan, Korea)', packages: ['poppler-data'] },
  { path: '/usr/share/games/fortunes', what: 'Chinese fortunes: Tang and Song poems, sayings (UTF-8 text and .dat indexes)', packages: ['fortunes-zh'] },
  {
    path: '/usr/share/debian-reference',
    what: 'Debian Reference in simplified and traditional Chinese (HTML and gzip text)',
    packages: ['debian-reference-zh-cn', 'debian-reference-zh-tw'],
    include: /\.(html|txt\.gz)$/,
  },
  { path: '/usr/share/doc/maint-guide-zh-cn', what: 'Debian New Maintainers\' Guide, simplified Chinese (HTML, PDF, text)', packages: ['maint-guide-zh-cn'] },
  { path: '/usr/share/doc/maint-guide-zh-tw', what: 'Debian New Maintainers\' Guide, traditional Chinese', packages: ['maint-guide-zh-tw'] },
  { path: '/usr/share/libchewing', what: 'Chewing (zhuyin) input-method dictionary, traditional Chinese word list', packages: ['libchewing3-data'] },
  { path: '/usr/share/ibus-table', what: 'IBus Wubi input-method tables (SQLite) and phrase list (bzip2), simplified Chinese', packages: ['ibus-table-wubi'] },
  { path: '/usr/lib/firmware', what: 'firmware blobs present on the machine', packages: [] },
  { path: '/usr/bin', what: 'every executable of the machine (ELF, scripts; node embeds ICU\'s CJK dictionaries)', packages: [] },
];

/** The paths to scan and the entries that are missing on this machine. */
export interface ResolvedMaterial {
  readonly paths: readonly string[];
  readonly present: readonly MaterialEntry[];
  readonly absent: readonly MaterialEntry[];
}

/** Lists what of `entries` exists here; directories with `include` are expanded to their matching files, sorted. */
export function resolveMaterial(entries: readonly MaterialEntry[] = debianMaterial): ResolvedMaterial {
  const paths: string[] = [];
  const present: MaterialEntry[] = [];
  const absent: MaterialEntry[] = [];
  for (const entry of entries) {
    if (!existsSync(entry.path)) {
      absent.push(entry);
      continue;
    }
    const isDirectory = statSync(entry.path).isDirectory();
    present.push(entry);
    if (entry.include === undefined || !isDirectory) {
      paths.push(entry.path);
      continue;
    }
    const include = entry.include;
    paths.push(...readdirSync(entry.path).filter((name) => include.test(name)).sort().map((name) => join(entry.path, name)));
  }
  return { paths, present, absent };
}

/** Counts of one term (or class) by confidence, with the reason codes of its medium and low findings. */
export interface PrecisionRow {
  readonly termId: string;
  readonly text: string;
  readonly precision: Precision;
  readonly counts: Readonly<Record<Confidence, number>>;
  /** Reason code (`context:face-attributes`, `text:binary-window`…) → findings at medium or low carrying it. */
  readonly reasons: Readonly<Record<string, number>>;
  /** Material places the term fired in (the entry paths), sorted. */
  readonly places: readonly string[];
}

export interface PrecisionSummary {
  /** Files opened (complete or partial inputs), files skipped (symbolic links…), failed inputs. */
  readonly files: number;
  readonly skipped: number;
  readonly failed: number;
  readonly partial: readonly { readonly path: string; readonly problems: readonly string[] }[];
  /** Size of the input files, and bytes scanned in every layer (decompressed and extracted bytes included). */
  readonly inputBytes: number;
  readonly bytesScanned: number;
  readonly objects: number;
  readonly counts: Readonly<Record<Confidence, number>>;
  /** Per precision class of the term: findings by confidence. */
  readonly byClass: Readonly<Record<Precision, Readonly<Record<Confidence, number>>>>;
  /** One row per term that fired, by class then term id. */
  readonly terms: readonly PrecisionRow[];
  /** Every high finding: each one is a pack false positive to fix. */
  readonly high: readonly FindingJson[];
}

/** Reason codes that say nothing beyond the precision class itself. */
const startReason = /^precision:/;

/** `context:face-attributes (性别, 年龄)` → `context:face-attributes`. */
export function reasonCode(reason: string): string {
  const open = reason.indexOf(' (');
  return open === -1 ? reason : reason.slice(0, open);
}

function text(value: LosslessText): string {
  return typeof value === 'string' ? value : `base64:${value.base64}`;
}

function emptyCounts(): Record<Confidence, number> {
  return { high: 0, medium: 0, low: 0 };
}

/**
 * Summarises a report of the clean corpus. `places` maps each input to the material entry it
 * came from (the longest entry path that prefixes it). Deterministic: rows sorted by class
 * (high, medium, ambiguous) then term id; reason keys sorted.
 */
export function summarisePrecision(report: Report, entries: readonly MaterialEntry[] = debianMaterial): PrecisionSummary {
  const placeOf = (input: string): string =>
    entries
      .map((entry) => entry.path)
      .filter((path) => input === path || input.startsWith(`${path}/`))
      .sort((a, b) => b.length - a.length)[0] ?? input;
  const rows = new Map<string, { termId: string; text: string; precision: Precision; counts: Record<Confidence, number>; reasons: Record<string, number>; places: Set<string> }>();
  const byClass = Object.fromEntries(precisions.map((p) => [p, emptyCounts()])) as Record<Precision, Record<Confidence, number>>;
  const counts = emptyCounts();
  for (const finding of report.findings) {
    const { term } = finding;
    let row = rows.get(term.id);
    if (row === undefined) {
      row = { termId: term.id, text: term.text, precision: term.precision, counts: emptyCounts(), reasons: {}, places: new Set() };
      rows.set(term.id, row);
    }
    row.counts[finding.confidence] += 1;
    byClass[term.precision][finding.confidence] += 1;
    counts[finding.confidence] += 1;
    row.places.add(placeOf(text(finding.location.input)));
    if (finding.confidence === 'high') continue;
    const codes = [...new Set(finding.reasons.filter((r) => !startReason.test(r)).map(reasonCode))];
    for (const code of codes.length === 0 ? ['(precision class only)'] : codes) row.reasons[code] = (row.reasons[code] ?? 0) + 1;
  }
  const classOrder = (p: Precision): number => precisions.indexOf(p);
  const terms = [...rows.values()]
    .sort((a, b) => classOrder(a.precision) - classOrder(b.precision) || (a.termId < b.termId ? -1 : a.termId > b.termId ? 1 : 0))
    .map((row) => ({
      termId: row.termId,
      text: row.text,
      precision: row.precision,
      counts: row.counts,
      reasons: Object.fromEntries(Object.entries(row.reasons).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      places: [...row.places].sort(),
    }));
  const opened = report.inputs.filter((input) => input.status === 'complete' || input.status === 'partial');
  return {
    files: opened.length,
    skipped: report.inputs.filter((input) => input.status === 'skipped').length,
    failed: report.inputs.filter((input) => input.status === 'failed').length,
    partial: report.inputs
      .filter((input) => input.status === 'partial' || input.status === 'failed')
      .map((input) => ({ path: text(input.path), problems: input.problems.map((p) => `${p.kind}: ${p.message}`) })),
    inputBytes: opened.reduce((sum, input) => sum + input.size, 0),
    bytesScanned: report.summary.bytesScanned,
    objects: report.summary.objects,
    counts,
    byClass,
    terms,
    high: report.findings.filter((f) => f.confidence === 'high'),
  };
}

/**
 * Versions of the named Debian packages as dpkg records them (`dpkg-query -W`); packages that
 * are not installed, or a machine without dpkg, give no entry. Runs one process.
 */
export function installedPackageVersions(names: readonly string[]): { readonly name: string; readonly version: string }[] {
  const unique = [...new Set(names)].sort();
  if (unique.length === 0) return [];
  const run = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Version}\n', ...unique], { encoding: 'utf8' });
  // dpkg-query exits 1 when some package is unknown but still prints the others; ENOENT leaves stdout null.
  return (run.stdout ?? '')
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((parts): parts is [string, string] => parts.length === 2 && parts[1] !== '')
    .map(([name, version]) => ({ name: name.replace(/:.*$/, ''), version }));
}

export const generatedStart = '<!-- precision:generated:start (bench/precision.mjs, test/precision/debian.test.ts) -->';
export const generatedEnd = '<!-- precision:generated:end -->';

/** Markdown of a summary; `packages` are the Debian package versions the corpus came from. */
export function renderPrecisionMarkdown(
  summary: PrecisionSummary,
  material: ResolvedMaterial,
  packages: readonly { readonly name: string; readonly version: string }[],
  packs: readonly { readonly id: string; readonly version: string }[],
): string {
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const cell = (value: string): string => value.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const lines: string[] = [];
  lines.push(
    `Scanned ${summary.files.toLocaleString('en')} files (${mib(summary.inputBytes)}; ${mib(summary.bytesScanned)} scanned in ${summary.objects.toLocaleString('en')} objects, decompressed layers included), ` +
      `${summary.skipped.toLocaleString('en')} skipped (symbolic links), ${summary.partial.length} incomplete, with the packs ${packs.map((p) => `\`${p.id}\` ${p.version}`).join(', ')}.`,
    '',
    `**Findings: ${summary.counts.high} high, ${summary.counts.medium} medium, ${summary.counts.low} low.**`,
    '',
    '### Material',
    '',
    '| path | what | Debian packages |',
    '|---|---|---|',
  );
  const version = (name: string): string => packages.find((p) => p.name === name)?.version ?? 'not installed';
  for (const entry of material.present) {
    const named = entry.packages.map((name) => `${name} ${version(name)}`).join(', ');
    lines.push(`| \`${entry.path}\`${entry.include === undefined ? '' : ` (\`${cell(entry.include.source)}\`)`} | ${cell(entry.what)} | ${named === '' ? 'base system' : named} |`);
  }
  for (const entry of material.absent) lines.push(`| \`${entry.path}\` | ${cell(entry.what)} | **absent on this machine** |`);
  lines.push('', '### Findings by term precision class', '', '| term class | terms that fired | high | medium | low |', '|---|---|---|---|---|');
  for (const precision of precisions) {
    const fired = summary.terms.filter((row) => row.precision === precision).length;
    const c = summary.byClass[precision];
    lines.push(`| ${precision} | ${fired} | ${c.high} | ${c.medium} | ${c.low} |`);
  }
  lines.push(
    '',
    '### Medium and low findings by term, with their reasons',
    '',
    'A reason is counted once per finding that carries it (see docs/patterns.md, "How confidence is decided").',
    '',
    '| class | term | high | medium | low | reasons (medium and low findings) | where |',
    '|---|---|---|---|---|---|---|',
  );
  for (const row of summary.terms) {
    const reasons = Object.entries(row.reasons).map(([code, n]) => `${code} ×${n}`).join(', ');
    lines.push(`| ${row.precision} | \`${row.termId}\` ${cell(row.text)} | ${row.counts.high} | ${row.counts.medium} | ${row.counts.low} | ${cell(reasons)} | ${row.places.map((p) => `\`${p}\``).join(', ')} |`);
  }
  if (summary.high.length > 0) {
    lines.push('', '### High findings (pack false positives to fix)', '');
    for (const f of summary.high) lines.push(`- \`${f.term.id}\` in \`${text(f.location.input)}\` @ ${f.location.offset}: ${cell(f.reasons.join('; '))}`);
  }
  if (summary.partial.length > 0) {
    lines.push('', '### Inputs not scanned completely', '');
    for (const input of summary.partial) lines.push(`- \`${input.path}\`: ${cell(input.problems.join('; '))}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `doc` with the text between the generated-section markers replaced; throws `RangeError` when a marker is missing. */
export function replaceGeneratedSection(doc: string, generated: string): string {
  const start = doc.indexOf(generatedStart);
  const end = doc.indexOf(generatedEnd);
  if (start === -1 || end === -1 || end < start) throw new RangeError('docs/precision.md lacks the generated-section markers');
  return `${doc.slice(0, start + generatedStart.length)}\n${generated}${doc.slice(end)}`;
}
