// Table-driven integration: every container fixture in test/fixtures/unpack/manifest.json is
// scanned end to end, and every planted term and expected problem must appear where the
// manifest (written by test/fixtures/build/containers.sh from the bytes it packed) says.
import { describeManifest } from '../helpers/manifest.js';

describeManifest('manifest.json');
