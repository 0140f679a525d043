import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgressBar, progressLine } from '../../src/cli/progress.js';
import { buildCli } from '../helpers/cli-process.js';

const progress = { inputsDone: 0, inputsTotal: 2, bytesDone: 512 * 1024, bytesTotal: 1024 * 1024, objects: 7, current: 'fw.bin!/romfs.tar.gz!/<gzip>!/etc/x.xml' };

describe('progress bar', () => {
  it('shows bytes read, inputs, objects and the innermost object; no rate in the first second', () => {
    expect(progressLine(progress, 200, 500)).toBe('[##########..........]  50% 512.0 KiB/1.0 MiB read · input 1/2 · 7 objects · fw.bin!/romfs.tar.gz!/<gzip>!/etc/x.xml');
  });
  it('adds bytes scanned (expanded), the rate and an ETA once they mean something', () => {
    const line = progressLine({ ...progress, bytesDone: 120 * 1024 ** 2, bytesTotal: 280 * 1024 ** 2, bytesExpanded: 1.1 * 1024 ** 3 }, 300, 4000);
    expect(line).toBe('[#########...........]  42% 120.0 MiB/280.0 MiB read · 1.10 GiB scanned · input 1/2 · 7 objects · 30.0 MiB/s · ETA 0:05 · fw.bin!/romfs.tar.gz!/<gzip>!/etc/x.xml');
  });
  it('keeps the end of a long chain within the terminal width', () => {
    const line = progressLine({ ...progress, current: `${'deep/'.repeat(40)}file.bin` }, 100, 0);
    expect(line.length).toBeLessThanOrEqual(99);
    expect(line.endsWith('file.bin')).toBe(true);
  });
  it('never writes control characters from member names to the terminal', () => {
    expect(progressLine({ ...progress, current: 'a\u001b[31mb' }, 200, 0)).toContain('a·[31mb');
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

describe('progress bar in a pseudo-terminal', () => {
  it.skipIf(!existsSync('/usr/bin/script'))('is drawn on a terminal and cleared before the summary, and not drawn with --no-progress (skipped without script(1) from util-linux)', async () => {
    const cli = await buildCli();
    const out = join(mkdtempSync(join(tmpdir(), 'fwsift-pty-')), 'r.json');
    // script(1) runs the command on a new pseudo-terminal and copies what it writes to stdout.
    const inTerminal = (extra: string) =>
      new Promise<string>((resolve, reject) =>
        execFile('script', ['-qec', `stty cols 160; ${process.execPath} ${cli.entry} scan samples -o ${out} --fail-on none ${extra}`, '/dev/null'], { env: { ...process.env, TERM: 'xterm' } }, (error, stdout) =>
          error === null ? resolve(stdout) : reject(error),
        ),
      );
    try {
      const drawn = await inTerminal('');
      expect(drawn).toMatch(/\r\u001b\[2K\[[#.]{20}\] +\d+% [\d.]+ [KM]iB\/[\d.]+ [KM]iB read · [\d.]+ [KMG]iB scanned · input \d\/\d · \d+ objects? · /);
      expect(drawn).toMatch(/ · …?[^\r]*!\/<gzip>!\/[^\r]*\r/); // the innermost object, not the outer file
      expect(drawn).toContain('\r\u001b[2K\u001b[1mfwsift'); // cleared, then the (coloured) summary
      const quiet = await inTerminal('--no-progress');
      expect(quiet).not.toContain('\u001b[2K');
    } finally {
      cli.remove();
    }
  }, 120_000);
});
