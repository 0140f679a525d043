// The text-view registry: unique ids, documented views, heads the driver reads, and HTML ahead
// of XML so XHTML is read as HTML.
import { describe, expect, it } from 'vitest';
import { maxViewHeadLength, textViews } from '../../src/text/index.js';

describe('text view registry', () => {
  it('has unique ids', () => expect(new Set(textViews.map((view) => view.id)).size).toBe(textViews.length));
  it('puts html before xml', () => expect(textViews.map((view) => view.id).indexOf('html')).toBeLessThan(textViews.map((view) => view.id).indexOf('xml')));
  it('documents every view with references and limitations', () => {
    for (const view of textViews) {
      expect(view.doc.name, view.id).not.toBe('');
      expect(view.doc.references.length, view.id).toBeGreaterThan(0);
      expect(view.doc.limitations.length, view.id).toBeGreaterThan(0);
    }
  });
  it('needs no more head than the driver peeks (4 KiB at least)', () => expect(maxViewHeadLength).toBeLessThanOrEqual(4096));
  it.each(textViews.map((view) => [view.id, view] as const))('%s detects an empty head as nothing, without throwing', (_id, view) => {
    expect(view.detect(new Uint8Array(0)).ok).toBe(false);
  });
});
