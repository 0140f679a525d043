// Windows installers and archives end to end through the public API: every fixture of
// test/fixtures/unpack/manifest-installers.json (built by test/fixtures/build/installers.sh with
// gcab, msibuild, 7-Zip and makensis) is scanned with the manifest rules (every planted term at
// its chain and offset, every expected problem, nothing else), and `verify()` re-proves every
// finding of every fixture from the files.
import { describe, expect, it } from 'vitest';
import { scan, verify } from '../../src/index.js';
import { describeManifest, fixturesRoot, loadManifest } from '../helpers/manifest.js';

describeManifest('manifest-installers.json');

describe('verify on the installer fixtures', () => {
  it('re-proves every finding and input hash', async () => {
    const paths = loadManifest('manifest-installers.json').fixtures.map((fixture) => new URL(fixture.path, fixturesRoot).pathname);
    const report = await scan(paths);
    expect(report.findings.length).toBeGreaterThan(paths.length);
    const result = await verify(report);
    expect(result.results.filter((item) => item.status === 'failed').map((item) => `${item.label}: ${item.reason}`)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
