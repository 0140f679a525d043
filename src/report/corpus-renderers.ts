/** Output formats of `fwsift corpus`, chosen by `-o` extension: `.html` (timeline and matrix), `.json`, `.csv`. */
import type { CorpusMatrix } from './corpus.js';
import { renderCorpusCsv } from './corpus-csv.js';
import { renderCorpusHtml } from './corpus-html.js';
import { renderCorpusJson } from './corpus-json.js';

export const corpusFormats = ['html', 'json', 'csv'] as const;
export type CorpusFormat = (typeof corpusFormats)[number];

export function renderCorpus(matrix: CorpusMatrix, format: CorpusFormat): string {
  switch (format) {
    case 'html':
      return renderCorpusHtml(matrix);
    case 'json':
      return renderCorpusJson(matrix);
    case 'csv':
      return renderCorpusCsv(matrix);
  }
}

export function corpusFormatFromPath(path: string): CorpusFormat | undefined {
  const lower = path.toLowerCase();
  return corpusFormats.find((format) => lower.endsWith(`.${format}`)) ?? (lower.endsWith('.htm') ? 'html' : undefined);
}
