// Table-driven integration for the firmware-format fixtures (uImage, FIT, cpio, ar/deb, Android
// sparse, Intel HEX, SREC, Hikvision digicap.dav): every fixture in
// test/fixtures/unpack/manifest-firmware-a.json (written by test/fixtures/build/firmware-a.sh
// from the bytes it packed, then re-checked with the standard extractors) is scanned end to
// end with the same rules as fixtures.test.ts. A fixture may name scan options (the sparse fill
// bomb runs with maxExpandedBytes 1 MiB) and handlers it needs beyond its own (the xz .deb is
// skipped until an xz handler is registered).
import { describeManifest } from '../helpers/manifest.js';

describeManifest('manifest-firmware-a.json');
