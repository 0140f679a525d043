/** The corpus matrix as JSON (`schema/corpus.schema.json`), validated before it is written. */
import type { CorpusMatrix } from './corpus.js';
import { schemaValidator } from './diff-json.js';

export const corpusSchemaUrl = new URL('../../schema/corpus.schema.json', import.meta.url);

/** Checks `value` against the corpus schema. */
export const validateCorpus = schemaValidator(corpusSchemaUrl);

export function renderCorpusJson(matrix: CorpusMatrix): string {
  const problems = validateCorpus(matrix);
  if (problems.length > 0) throw new Error(`refusing to write a corpus that does not match schema/corpus.schema.json:\n  ${problems.join('\n  ')}`);
  const { corpusSchemaVersion, ...rest } = matrix;
  return `${JSON.stringify({ corpusSchemaVersion, ...rest })}\n`;
}
