/** Builds `Term` objects for tests: only the fields a test cares about, the rest defaulted. */
import type { Term } from '../../src/patterns/types.js';

export function makeTerm(text: string, overrides: Partial<Term> = {}): Term {
  return {
    id: `test.${text}`,
    text,
    category: 'ethnicity',
    precision: 'high',
    meaning: 'test term',
    lang: 'und',
    kind: 'phrase',
    case: 'sensitive',
    boundary: 'none',
    variants: [],
    notAfter: [],
    notBefore: [],
    references: [],
    pack: 'test',
    ...overrides,
  };
}
