import { describe, expect, it } from 'vitest';
import { createProgressBar, progressLine } from '../../src/cli/progress.js';

const progress = { inputsDone: 0, inputsTotal: 2, bytesDone: 512 * 1024, bytesTotal: 1024 * 1024, objects: 7, current: 'fw.bin!/romfs.tar.gz!/<gzip>!/etc/x.xml' };

describe('progress bar', () => {
  it('shows bytes, inputs, objects and the current chain', () => {
    expect(progressLine(progress, 200)).toBe('[############............]  50% 0.5 MiB/1.0 MiB · input 1/2 · 7 objects · fw.bin!/romfs.tar.gz!/<gzip>!/etc/x.xml');
  });
  it('keeps the end of a long chain within the terminal width', () => {
    const line = progressLine({ ...progress, current: `${'deep/'.repeat(40)}file.bin` }, 100);
    expect(line.length).toBeLessThanOrEqual(99);
    expect(line.endsWith('file.bin')).toBe(true);
  });
  it('never writes control characters from member names to the terminal', () => {
    expect(progressLine({ ...progress, current: 'a\u001b[31mb' }, 200)).toContain('a·[31mb');
  });
  it('redraws at most every 100 ms and clears its line at the end', () => {
    const writes: string[] = [];
    let time = 1000;
    const bar = createProgressBar({ write: (text: string) => writes.push(text), columns: 120 } as unknown as NodeJS.WriteStream, () => time);
    bar.update(progress);
    time += 50;
    bar.update(progress);
    time += 60;
    bar.update(progress);
    bar.finish();
    expect(writes).toHaveLength(3);
    expect(writes[2]).toBe('\r\u001b[2K');
  });
});
