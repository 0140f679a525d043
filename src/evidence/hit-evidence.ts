/**
 * The evidence of one verified hit, as the search keeps it: its confidence and reasons
 * (`confidence.ts`) and its context for readers (`context.ts`). The encoding of the text around
 * the hit (`host-text.ts`, up to six decodings of the window) is judged once and shared by both.
 * Pure; cost O(window) per hit once the probe tables of the hit's needle family exist.
 */
import type { Confidence, Encoding } from '../core/types.js';
import type { Candidate, Verdict, Window } from '../match/types.js';
import { scoreConfidence } from './confidence.js';
import { describeContext } from './context.js';
import { surroundingEncoding } from './host-text.js';

export interface HitEvidence {
  readonly confidence: Confidence;
  readonly reasons: string[];
  readonly context: { readonly before: string; readonly after: string; readonly hex: string; readonly encoding: Encoding };
}

export function hitEvidence(
  candidate: Candidate,
  window: Window,
  verdict: Extract<Verdict, { ok: true }>,
  contextSize: { readonly chars: number; readonly hexBytes: number },
): HitEvidence {
  const encoding = surroundingEncoding(candidate, window);
  const { confidence, reasons } = scoreConfidence(candidate, window, verdict, encoding);
  return { confidence, reasons, context: describeContext(candidate, window, { ...contextSize, encoding }) };
}
