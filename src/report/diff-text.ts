/** Labels shared by the human renderings of a diff (Markdown, HTML). */
import { formatChain } from './summary.js';
import type { DiffClass, DiffReportSide, DiffSideJson } from './diff-types.js';

export const classTitle: Readonly<Record<DiffClass, string>> = {
  added: 'Added',
  kept: 'Kept',
  removed: 'Removed',
  scrubbed: 'Scrubbed (renamed to a placeholder at the same position)',
};

/** Changes first, the most telling first: scrubbed, removed, added, then kept. */
export const classOrder: readonly DiffClass[] = ['scrubbed', 'removed', 'added', 'kept'];

/** `fw-v1.uimg (IPC_V5.5.0_build240101, 2024-01-01T00:00:00Z), 14 findings` for a side's heading. */
export function describeSide(side: DiffReportSide): string {
  const inputs = side.inputs.map((input) => {
    const facts = input.identity === undefined ? [] : [input.identity.name, input.identity.version, input.identity.buildDate].filter((fact): fact is string => fact !== undefined);
    return `${formatChain(input.path, [])}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
  });
  return `${inputs.join('; ') || 'no inputs'}: ${side.findings} finding${side.findings === 1 ? '' : 's'}`;
}

export function sideLocation(side: DiffSideJson): string {
  return `${formatChain(side.input, side.chain)} @ 0x${side.offset.toString(16)} (${side.encoding}, ${side.form})`;
}

export function sideContext(side: DiffSideJson): { readonly before: string; readonly after: string } | undefined {
  return side.context.redacted === true ? undefined : { before: side.context.before, after: side.context.after };
}
