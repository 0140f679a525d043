// Generated from schema/report.schema.json by scripts/build-validators.mjs (npm run build). Do not edit.
// @ts-nocheck: generated JavaScript; its one export is typed where it is imported.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://fwsift.dev/schema/report/1.json","title":"fwsift evidence report","description":"The evidence report written by `fwsift scan`. This schema and the doc comment of src/report/json.ts are the report's specification; src/report/types.ts mirrors it. Versioning: `reportSchemaVersion` is semver, the major version (also in this `$id`) changes when a field is removed, renamed or retyped, the minor version when a field is added. Every rendering (SARIF, Markdown, HTML, NDJSON) is made from this object alone.","type":"object","additionalProperties":false,"required":["reportSchemaVersion","tool","run","inputs","findings","summary"],"properties":{"reportSchemaVersion":{"description":"Version of this report format (semver). Always the first key of the file. Major version 1 is fixed by this schema's `$id`.","type":"string","pattern":"^1\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$"},"tool":{"description":"The program that wrote the report.","type":"object","additionalProperties":false,"required":["name","version"],"properties":{"name":{"description":"Always `fwsift`.","const":"fwsift"},"version":{"description":"fwsift's package version (semver).","type":"string","minLength":1}}},"run":{"description":"How the scan was run: timing, effective options, pattern packs and environment. Time is only ever recorded here, never in findings.","type":"object","additionalProperties":false,"required":["startedAt","finishedAt","options","patternPacks","needles","node","platform"],"properties":{"startedAt":{"description":"When the scan started (RFC 3339, UTC).","type":"string","format":"date-time"},"finishedAt":{"description":"When the scan finished (RFC 3339, UTC).","type":"string","format":"date-time"},"options":{"description":"The effective scan options after defaults were applied. Free-form: its keys follow the options of the fwsift version named in `tool.version`.","type":"object"},"patternPacks":{"description":"Every pattern pack loaded for the scan, in load order.","type":"array","items":{"description":"One pattern pack.","type":"object","additionalProperties":false,"required":["id","version","sha256","terms"],"properties":{"id":{"description":"Pack id.","type":"string","minLength":1},"version":{"description":"Pack version (semver).","type":"string","minLength":1},"sha256":{"description":"sha256 of the pack file's bytes.","$ref":"#/$defs/sha256"},"terms":{"description":"Number of terms in the pack.","type":"integer","minimum":0}}}},"needles":{"description":"Number of byte needles searched (terms × variants × encodings × forms that could be encoded).","type":"integer","minimum":0},"interrupted":{"description":"Present and true when the scan was stopped (a signal) before it finished: the input being read is `partial`, later inputs are `skipped` with reason `interrupted`.","const":true},"node":{"description":"Node.js version that ran the scan (`process.version`).","type":"string","pattern":"^v[0-9]+\\."},"platform":{"description":"Operating system and architecture, e.g. `linux-x64`.","type":"string","minLength":1},"coverage":{"description":"What was searched and what was not (R44): every term spelling with the encoding/form cells that were searched, could not be encoded (never searched with substitute characters) or were disabled; cells not listed do not apply (escapes of ASCII text, base64 of spellings under 3 bytes). Also needles per cell, and R20's expected number of hits in uniformly random bytes of the scanned size.","type":"object","additionalProperties":false,"required":["spellings","needles","expectedRandomHits"],"properties":{"spellings":{"description":"One entry per term spelling (the term's text and each variant), in pack order.","type":"array","items":{"description":"One term spelling and its cells.","type":"object","additionalProperties":false,"required":["term","variant","searched","unencodable","disabled"],"properties":{"term":{"description":"Term id.","type":"string","minLength":1},"variant":{"description":"The spelling.","type":"string","minLength":1},"searched":{"description":"Cells searched.","type":"array","items":{"$ref":"#/$defs/coverageCell"}},"unencodable":{"description":"Cells the encoding cannot represent: not searched.","type":"array","items":{"$ref":"#/$defs/coverageCell"}},"disabled":{"description":"Cells left out by the scan's options: not searched.","type":"array","items":{"$ref":"#/$defs/coverageCell"}}}}},"needles":{"description":"Number of needles per cell (cells without needles are absent).","type":"object","propertyNames":{"$ref":"#/$defs/coverageCell"},"additionalProperties":{"description":"Needles in this cell.","type":"integer","minimum":1}},"expectedRandomHits":{"description":"Hits expected by chance in uniformly random bytes as many as were scanned, by needle length: one bucket per length up to 8 bytes, then one for longer needles. Real data is not random; the numbers say which needle lengths can be noise.","type":"array","items":{"description":"One bucket of needle lengths.","type":"object","additionalProperties":false,"required":["minBytes","maxBytes","needles","expected"],"properties":{"minBytes":{"description":"Shortest needle in the bucket, in bytes.","type":"integer","minimum":1},"maxBytes":{"description":"Longest needle in the bucket, in bytes.","type":"integer","minimum":1},"needles":{"description":"Needles in the bucket.","type":"integer","minimum":1},"expected":{"description":"Expected random hits over all needles of the bucket (3 significant digits).","type":"number","minimum":0}}}}}}}},"inputs":{"description":"Every input path given on the command line (files found under directories included), in scan order. Always present, empty when nothing was scanned.","type":"array","items":{"$ref":"#/$defs/input"}},"findings":{"description":"Every verified hit, in deterministic order (input, then chain, then offset). Always present, empty when clean.","type":"array","items":{"$ref":"#/$defs/finding"}},"summary":{"description":"Totals over `inputs` and `findings`.","type":"object","additionalProperties":false,"required":["findings","byCategory","byConfidence","bytesScanned","objects","durationMs","partialInputs"],"properties":{"findings":{"description":"Number of findings (the length of `findings`).","type":"integer","minimum":0},"byCategory":{"description":"Number of findings per term category; every category is present, zero when none.","type":"object","additionalProperties":false,"required":["ethnicity","race","skin-colour","region-targeting","minority-alert"],"properties":{"ethnicity":{"description":"Findings of category `ethnicity`.","type":"integer","minimum":0},"race":{"description":"Findings of category `race`.","type":"integer","minimum":0},"skin-colour":{"description":"Findings of category `skin-colour`.","type":"integer","minimum":0},"region-targeting":{"description":"Findings of category `region-targeting`.","type":"integer","minimum":0},"minority-alert":{"description":"Findings of category `minority-alert`.","type":"integer","minimum":0}}},"byConfidence":{"description":"Number of findings per confidence; every level is present, zero when none.","type":"object","additionalProperties":false,"required":["high","medium","low"],"properties":{"high":{"description":"Findings of confidence `high`.","type":"integer","minimum":0},"medium":{"description":"Findings of confidence `medium`.","type":"integer","minimum":0},"low":{"description":"Findings of confidence `low`.","type":"integer","minimum":0}}},"bytesScanned":{"description":"Bytes searched over all objects of all inputs (container bytes and expanded members both count).","type":"integer","minimum":0},"objects":{"description":"Objects searched over all inputs (files, archive members, carved chunks, text views).","type":"integer","minimum":0},"durationMs":{"description":"Wall-clock duration of the scan in milliseconds.","type":"number","minimum":0},"partialInputs":{"description":"Number of inputs whose status is `partial` or `failed`. A report with partialInputs > 0 is not a clean report.","type":"integer","minimum":0},"baseline":{"description":"Only with `--baseline`: how the findings compare with the baseline report, matched by finding id.","type":"object","additionalProperties":false,"required":["new","unchanged","absent"],"properties":{"new":{"description":"Findings whose id is not in the baseline.","type":"integer","minimum":0},"unchanged":{"description":"Findings whose id is in the baseline.","type":"integer","minimum":0},"absent":{"description":"Baseline findings not found by this scan, in baseline order.","type":"array","items":{"description":"One baseline finding that is gone.","type":"object","additionalProperties":false,"required":["id","termId","termText","confidence","input","chain"],"properties":{"id":{"description":"The finding id in the baseline.","type":"string","pattern":"^[0-9a-f]{32}$"},"termId":{"description":"Its term id.","type":"string","minLength":1},"termText":{"description":"Its term text.","type":"string","minLength":1},"confidence":{"description":"Its confidence in the baseline.","enum":["high","medium","low"]},"input":{"description":"Its input path.","$ref":"#/$defs/losslessText"},"chain":{"description":"Its container chain.","$ref":"#/$defs/chain"}}}}}},"ignore":{"description":"Only with `--ignore`: what the ignore file did.","type":"object","additionalProperties":false,"required":["suppressed","unused"],"properties":{"suppressed":{"description":"Findings suppressed by an entry.","type":"integer","minimum":0},"unused":{"description":"Entries that suppressed nothing (expired entries included), in file order.","type":"array","items":{"description":"One unused entry.","type":"object","additionalProperties":false,"required":["entry","reason","expired"],"properties":{"entry":{"description":"The entry's finding id or glob.","type":"string","minLength":1},"reason":{"description":"The entry's reason.","type":"string","minLength":1},"expired":{"description":"True when the entry's expiry date has passed (it no longer suppresses).","type":"boolean"}}}}}}}}},"$defs":{"coverageCell":{"description":"A coverage cell: encoding and form, e.g. `gb18030/url-percent`.","type":"string","pattern":"^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$"},"sha256":{"description":"A sha256 digest in lower-case hex.","type":"string","pattern":"^[0-9a-f]{64}$"},"hex":{"description":"Bytes in lower-case hex, two digits a byte, no separators.","type":"string","pattern":"^(?:[0-9a-f]{2})*$"},"losslessText":{"description":"Text that may not be valid UTF-8: a plain string whenever the bytes are valid UTF-8, else an object holding the bytes in base64.","oneOf":[{"description":"The bytes, decoded as UTF-8 (they were valid UTF-8).","type":"string"},{"description":"The bytes were not valid UTF-8.","type":"object","additionalProperties":false,"required":["base64"],"properties":{"base64":{"description":"The raw bytes in standard base64 (RFC 4648 §4, padded).","type":"string","pattern":"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"}}}]},"chain":{"description":"Provenance chain from the input down to the object, outermost layer first; empty when the object is the input file itself.","type":"array","items":{"$ref":"#/$defs/chainLink"}},"chainLink":{"description":"One container layer between the input and the object.","type":"object","additionalProperties":false,"required":["format","offset"],"properties":{"format":{"description":"Format id of the layer that produced this object: `zip`, `dahua-zip`, `tar`, `gzip`…","type":"string","minLength":1},"path":{"description":"Member path inside that layer, byte-exact; absent for unnamed layers (a gzip stream, a carved chunk).","$ref":"#/$defs/losslessText"},"offset":{"description":"Byte offset of this object's data (or its header) inside the parent object.","type":"integer","minimum":0}}},"note":{"description":"A fact about an input that a reader should know but that lost no bytes: never a reason for `partial`.","type":"object","additionalProperties":false,"required":["chain","message"],"properties":{"chain":{"description":"Where it was noted (empty: in the input file itself).","$ref":"#/$defs/chain"},"message":{"description":"Human-readable explanation.","type":"string","minLength":1},"offset":{"description":"Byte offset inside the innermost object of `chain`, when known.","type":"integer","minimum":0}}},"problem":{"description":"Something fwsift could not do for an input. Its presence makes the input `partial` or `failed`.","type":"object","additionalProperties":false,"required":["chain","kind","message"],"properties":{"chain":{"description":"Where the problem happened (empty: in the input file itself).","$ref":"#/$defs/chain"},"kind":{"description":"limit: a configured limit was hit; corrupt: malformed or truncated data; encrypted: encrypted data that could not be opened; unsupported: a recognised format or feature fwsift cannot open; io: reading failed; internal: a bug in fwsift (the object's bytes were still scanned raw).","enum":["limit","corrupt","encrypted","unsupported","io","internal"]},"message":{"description":"Human-readable explanation.","type":"string","minLength":1},"offset":{"description":"Byte offset of the problem inside the innermost object of `chain`, when known.","type":"integer","minimum":0}}},"input":{"description":"One input file and how completely it was scanned.","type":"object","additionalProperties":false,"required":["path","size","sha256","status","problems","coverage","layers"],"properties":{"path":{"description":"The path as given on the command line (or found under a given directory), byte-exact.","$ref":"#/$defs/losslessText"},"size":{"description":"File size in bytes.","type":"integer","minimum":0},"sha256":{"description":"sha256 of the file's bytes.","$ref":"#/$defs/sha256"},"status":{"description":"complete: every layer opened and scanned; partial: some bytes could not be opened (see problems) but everything readable was scanned raw; failed: the input could not be read; skipped: deliberately not scanned (a symbolic link, a device), see skipReason.","enum":["complete","partial","failed","skipped"]},"skipReason":{"description":"Why a skipped input was not scanned.","type":"string","minLength":1},"problems":{"description":"What could not be done, in the order met. Always present, empty when none.","type":"array","items":{"$ref":"#/$defs/problem"}},"notes":{"description":"Facts about the input that cost no bytes and do not make it partial, in the order met (a page whose declared charset does not decode some of its text, read in the charset that does). Absent when none.","type":"array","items":{"$ref":"#/$defs/note"}},"coverage":{"description":"How much of the input was searched.","type":"object","additionalProperties":false,"required":["bytesScanned","objects"],"properties":{"bytesScanned":{"description":"Bytes searched, over the input and every object inside it.","type":"integer","minimum":0},"objects":{"description":"Objects searched (the input, members, carved chunks, text views).","type":"integer","minimum":0},"chunksCarved":{"description":"Chunks found by signature at an offset other than 0 of an object and opened.","type":"integer","minimum":0},"carveCandidatesRejected":{"description":"Signature matches whose bytes the format's handler rejected (chance matches in other data).","type":"integer","minimum":0},"hitCandidatesRejected":{"description":"Raw needle matches rejected by verification (misaligned, inside a longer identifier, an excluded context).","type":"integer","minimum":0}}},"layers":{"description":"Objects whose position in the input is known (the input itself, stored members, carved chunks and their stored members), outermost first, in input byte coordinates: the spans a layer map draws. Objects inside decompressed data have no position in the input and are not listed.","type":"array","items":{"$ref":"#/$defs/layer"}},"identity":{"description":"What the input records about itself; absent when no format records anything.","$ref":"#/$defs/identity"}}},"identity":{"description":"What the input's outermost self-describing layer records about itself (uImage name and timestamp, FIT description, digicap.dav header, DH-zip version strings). Facts read from the format, never guessed; absent when no format records anything.","type":"object","additionalProperties":false,"required":["format","chain"],"properties":{"format":{"description":"Handler id of the format that recorded the facts.","type":"string","minLength":1},"chain":{"description":"Container chain of the object that recorded them (empty: the input itself).","$ref":"#/$defs/chain"},"vendor":{"description":"The vendor whose own container format this is (Hikvision, Dahua); absent for generic formats.","type":"string"},"name":{"description":"Image or product name as recorded.","type":"string"},"model":{"description":"Model as recorded.","type":"string"},"version":{"description":"Version string as recorded.","type":"string"},"buildDate":{"description":"Build or image creation time recorded by the format (RFC 3339, UTC).","type":"string","format":"date-time"},"arch":{"description":"CPU architecture as recorded.","type":"string"},"os":{"description":"Operating system as recorded.","type":"string"},"details":{"description":"Other header fields as recorded, by the format's own field names (digicap `oem_code`, `language`, `device_class`).","type":"object","additionalProperties":{"description":"The field's value as recorded.","type":"string"}}}},"layer":{"description":"A span of the input that was one object.","type":"object","additionalProperties":false,"required":["chain","format","start","end"],"properties":{"chain":{"description":"The object's container chain (empty for the input itself).","$ref":"#/$defs/chain"},"format":{"description":"The handler that opened the object, or `raw` when none recognised it (its bytes were searched raw only).","type":"string","minLength":1},"start":{"description":"First byte of the object in the input.","type":"integer","minimum":0},"end":{"description":"One past the last byte of the object in the input.","type":"integer","minimum":0}}},"finding":{"description":"One verified hit of one term in one encoding and form.","type":"object","additionalProperties":false,"required":["id","term","match","location","context","confidence","reasons"],"properties":{"id":{"description":"Stable fingerprint: first 32 hex digits of sha256 over input path, chain member paths, term id, encoding, form, variant and occurrence index. Independent of byte offsets, so unrelated insertions do not change it.","type":"string","pattern":"^[0-9a-f]{32}$"},"term":{"description":"The pattern-pack term that was found.","type":"object","additionalProperties":false,"required":["id","text","category","precision","pack","meaning"],"properties":{"id":{"description":"Term id, unique across loaded packs.","type":"string","minLength":1},"text":{"description":"The term's canonical text.","type":"string","minLength":1},"category":{"description":"What the term reveals.","enum":["ethnicity","race","skin-colour","region-targeting","minority-alert"]},"precision":{"description":"high: almost never fires outside ethnic analytics; medium: needs context; ambiguous: only with corroboration.","enum":["high","medium","ambiguous"]},"pack":{"description":"Id of the pack the term came from.","type":"string","minLength":1},"meaning":{"description":"English meaning of the term.","type":"string"},"references":{"description":"Public sources that document the term (from the pattern pack), so every rendering can cite them from the report alone.","type":"array","items":{"description":"One source.","type":"object","additionalProperties":false,"required":["title","url"],"properties":{"title":{"description":"Title of the source.","type":"string","minLength":1},"url":{"description":"Where to read it.","type":"string","minLength":1}}}}}},"match":{"description":"The bytes that matched.","type":"object","additionalProperties":false,"required":["encoding","form","variant","hex","length"],"properties":{"encoding":{"description":"Character encoding the needle was encoded in.","enum":["utf-8","utf-16le","utf-16be","utf-32le","utf-32be","gb18030","big5"]},"form":{"description":"How the encoded bytes were written: raw bytes, an escape syntax, base64, or a decoded document text view.","enum":["raw","json-escape","html-entity","url-percent","c-escape","base64","text-view"]},"variant":{"description":"The spelling that matched: the term's text or one of its variants.","type":"string","minLength":1},"hex":{"description":"The matched bytes.","$ref":"#/$defs/hex"},"length":{"description":"Number of matched bytes.","type":"integer","minimum":1}}},"location":{"description":"Where the bytes are.","type":"object","additionalProperties":false,"required":["input","chain","offset","objectSha256"],"properties":{"input":{"description":"The input path, as in `inputs[].path`.","$ref":"#/$defs/losslessText"},"chain":{"description":"Container layers from the input to the innermost object holding the hit.","$ref":"#/$defs/chain"},"offset":{"description":"Byte offset of the first matched byte inside the innermost object.","type":"integer","minimum":0},"objectSha256":{"description":"sha256 of the innermost object's bytes, so the hit can be re-checked.","$ref":"#/$defs/sha256"},"line":{"description":"1-based line of the hit; only for text objects.","type":"integer","minimum":1},"column":{"description":"1-based column of the hit in characters of the hit's encoding; only for text objects.","type":"integer","minimum":1},"source":{"description":"For a hit in derived text (PDF page text, whose offsets are in the text pdf.js extracted): the bytes of the object that drew it, a content stream under the same parent, so the text is traced back to the file. Present only when one object drew every non-blank byte of the hit.","type":"object","additionalProperties":false,"required":["chain","ranges","hex"],"properties":{"chain":{"description":"Container layers from the input to the object that drew the text (the decoded content stream).","$ref":"#/$defs/chain"},"ranges":{"description":"Its byte ranges that drew the hit's characters (the glyph codes of the string operands, as written: raw bytes, escapes or hex digits), in text order.","type":"array","minItems":1,"items":{"description":"One range.","type":"object","additionalProperties":false,"required":["offset","length"],"properties":{"offset":{"description":"Byte offset in that object.","type":"integer","minimum":0},"length":{"description":"Bytes.","type":"integer","minimum":1}}}},"hex":{"description":"The bytes of the ranges, in order.","$ref":"#/$defs/hex"}}}}},"context":{"description":"The bytes around the hit: `before`, `after` and `hex` together, or only `redacted: true` when the report was written with `--redact` (offsets, hashes, the matched bytes and the id stay, so the finding can still be verified).","type":"object","additionalProperties":false,"minProperties":1,"dependentRequired":{"before":["after","hex"],"after":["before","hex"],"hex":["before","after"],"encoding":["before"]},"properties":{"redacted":{"description":"Present (always true) when the context was removed by `--redact`.","const":true},"before":{"description":"Up to 40 characters before the hit, decoded in the hit's encoding; undecodable bytes and control characters shown as `·`.","type":"string"},"after":{"description":"Up to 40 characters after the hit, decoded like `before`.","type":"string"},"hex":{"description":"Up to 32 bytes before the hit, the hit, and up to 32 bytes after it.","$ref":"#/$defs/hex"},"encoding":{"description":"The encoding `before` and `after` were decoded in: for an ASCII hit (an identifier, an escape) the encoding of the text around it (valid UTF-8 stays UTF-8, else GB18030 or Big5 by validity and character frequency), else the hit's own.","enum":["utf-8","utf-16le","utf-16be","utf-32le","utf-32be","gb18030","big5"]}}},"confidence":{"description":"How sure fwsift is that this is ethnicity/race/skin-colour analytics: from the term's precision, alignment, how text-like the window is, and co-occurring or demoting context (see `reasons`).","enum":["high","medium","low"]},"more":{"description":"Further occurrences of this term in the same object that were not reported in full (a flood: only the first hits per object and term are kept, see the `maxFindingsPerTerm` option).","type":"object","additionalProperties":false,"required":["count","offsets"],"properties":{"count":{"description":"How many further verified occurrences there were.","type":"integer","minimum":1},"offsets":{"description":"Offsets in the object of the first of them (at most 10,000).","type":"array","items":{"type":"integer","minimum":0},"maxItems":10000}}},"reasons":{"description":"Why the confidence is what it is: short strings `code:detail`, e.g. `precision:high`, `context:id-card (身份证)`.","type":"array","items":{"description":"One reason.","type":"string","minLength":1}},"contains":{"description":"Other terms found inside this finding's bytes (疆藏 inside 疆藏(需定制支持), `EM_NATION_TYPE` inside `EM_NATION_TYPE_UYGUR`): the place is one finding, counted once; its confidence is the highest of them.","type":"array","items":{"description":"One contained term hit.","type":"object","additionalProperties":false,"required":["termId","text","variant","offset","length","confidence"],"properties":{"termId":{"description":"Id of the contained term.","type":"string","minLength":1},"text":{"description":"The contained term's canonical text.","type":"string","minLength":1},"variant":{"description":"The spelling found: the term's text or one of its variants.","type":"string","minLength":1},"offset":{"description":"Byte offset of the contained hit in the same object as the finding.","type":"integer","minimum":0},"length":{"description":"Bytes of the contained hit.","type":"integer","minimum":1},"confidence":{"description":"The contained hit's own confidence.","enum":["high","medium","low"]}}}},"baselineState":{"description":"Only with `--baseline`: `new` when the baseline report has no finding with this id, `unchanged` when it has. Only `new` findings count for `--fail-on`.","enum":["new","unchanged"]},"suppression":{"description":"Only with `--ignore`: the ignore-file entry that suppressed this finding. A suppressed finding stays in the report but does not count for `--fail-on`.","type":"object","additionalProperties":false,"required":["entry","reason"],"properties":{"entry":{"description":"The entry that matched: a finding id, or a glob over `input!/member!/member` paths.","type":"string","minLength":1},"reason":{"description":"Why it is suppressed, as written in the ignore file.","type":"string","minLength":1},"expires":{"description":"Date (YYYY-MM-DD) after which the entry no longer suppresses.","type":"string","format":"date"}}}}}}};
const schema32 = {"description":"A sha256 digest in lower-case hex.","type":"string","pattern":"^[0-9a-f]{64}$"};
const schema33 = {"description":"A coverage cell: encoding and form, e.g. `gb18030/url-percent`.","type":"string","pattern":"^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$"};
const schema38 = {"description":"Text that may not be valid UTF-8: a plain string whenever the bytes are valid UTF-8, else an object holding the bytes in base64.","oneOf":[{"description":"The bytes, decoded as UTF-8 (they were valid UTF-8).","type":"string"},{"description":"The bytes were not valid UTF-8.","type":"object","additionalProperties":false,"required":["base64"],"properties":{"base64":{"description":"The raw bytes in standard base64 (RFC 4648 §4, padded).","type":"string","pattern":"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"}}}]};
const pattern4 = new RegExp("^1\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$", "u");
const pattern5 = new RegExp("^[0-9a-f]{64}$", "u");
const pattern6 = new RegExp("^v[0-9]+\\.", "u");
const pattern7 = new RegExp("^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$", "u");
const pattern14 = new RegExp("^[0-9a-f]{32}$", "u");
const pattern11 = new RegExp("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$", "u");
const func1 = require("ajv/dist/runtime/ucs2length.js").default;
const func2 = Object.prototype.hasOwnProperty;
const formats0 = require("ajv-formats/dist/formats.js").fullFormats["date-time"];
const schema37 = {"description":"One input file and how completely it was scanned.","type":"object","additionalProperties":false,"required":["path","size","sha256","status","problems","coverage","layers"],"properties":{"path":{"description":"The path as given on the command line (or found under a given directory), byte-exact.","$ref":"#/$defs/losslessText"},"size":{"description":"File size in bytes.","type":"integer","minimum":0},"sha256":{"description":"sha256 of the file's bytes.","$ref":"#/$defs/sha256"},"status":{"description":"complete: every layer opened and scanned; partial: some bytes could not be opened (see problems) but everything readable was scanned raw; failed: the input could not be read; skipped: deliberately not scanned (a symbolic link, a device), see skipReason.","enum":["complete","partial","failed","skipped"]},"skipReason":{"description":"Why a skipped input was not scanned.","type":"string","minLength":1},"problems":{"description":"What could not be done, in the order met. Always present, empty when none.","type":"array","items":{"$ref":"#/$defs/problem"}},"notes":{"description":"Facts about the input that cost no bytes and do not make it partial, in the order met (a page whose declared charset does not decode some of its text, read in the charset that does). Absent when none.","type":"array","items":{"$ref":"#/$defs/note"}},"coverage":{"description":"How much of the input was searched.","type":"object","additionalProperties":false,"required":["bytesScanned","objects"],"properties":{"bytesScanned":{"description":"Bytes searched, over the input and every object inside it.","type":"integer","minimum":0},"objects":{"description":"Objects searched (the input, members, carved chunks, text views).","type":"integer","minimum":0},"chunksCarved":{"description":"Chunks found by signature at an offset other than 0 of an object and opened.","type":"integer","minimum":0},"carveCandidatesRejected":{"description":"Signature matches whose bytes the format's handler rejected (chance matches in other data).","type":"integer","minimum":0},"hitCandidatesRejected":{"description":"Raw needle matches rejected by verification (misaligned, inside a longer identifier, an excluded context).","type":"integer","minimum":0}}},"layers":{"description":"Objects whose position in the input is known (the input itself, stored members, carved chunks and their stored members), outermost first, in input byte coordinates: the spans a layer map draws. Objects inside decompressed data have no position in the input and are not listed.","type":"array","items":{"$ref":"#/$defs/layer"}},"identity":{"description":"What the input records about itself; absent when no format records anything.","$ref":"#/$defs/identity"}}};
const schema40 = {"description":"Something fwsift could not do for an input. Its presence makes the input `partial` or `failed`.","type":"object","additionalProperties":false,"required":["chain","kind","message"],"properties":{"chain":{"description":"Where the problem happened (empty: in the input file itself).","$ref":"#/$defs/chain"},"kind":{"description":"limit: a configured limit was hit; corrupt: malformed or truncated data; encrypted: encrypted data that could not be opened; unsupported: a recognised format or feature fwsift cannot open; io: reading failed; internal: a bug in fwsift (the object's bytes were still scanned raw).","enum":["limit","corrupt","encrypted","unsupported","io","internal"]},"message":{"description":"Human-readable explanation.","type":"string","minLength":1},"offset":{"description":"Byte offset of the problem inside the innermost object of `chain`, when known.","type":"integer","minimum":0}}};
const schema41 = {"description":"Provenance chain from the input down to the object, outermost layer first; empty when the object is the input file itself.","type":"array","items":{"$ref":"#/$defs/chainLink"}};
const schema42 = {"description":"One container layer between the input and the object.","type":"object","additionalProperties":false,"required":["format","offset"],"properties":{"format":{"description":"Format id of the layer that produced this object: `zip`, `dahua-zip`, `tar`, `gzip`…","type":"string","minLength":1},"path":{"description":"Member path inside that layer, byte-exact; absent for unnamed layers (a gzip stream, a carved chunk).","$ref":"#/$defs/losslessText"},"offset":{"description":"Byte offset of this object's data (or its header) inside the parent object.","type":"integer","minimum":0}}};

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate24.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.format === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "format"},message:"must have required property '"+"format"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.offset === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "offset"},message:"must have required property '"+"offset"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "format") || (key0 === "path")) || (key0 === "offset"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.format !== undefined){
let data0 = data.format;
if(typeof data0 === "string"){
if(func1(data0) < 1){
const err3 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.path !== undefined){
let data1 = data.path;
const _errs6 = errors;
let valid2 = false;
let passing0 = null;
const _errs7 = errors;
if(typeof data1 !== "string"){
const err5 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/losslessText/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
var _valid0 = _errs7 === errors;
if(_valid0){
valid2 = true;
passing0 = 0;
}
const _errs9 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.base64 === undefined){
const err6 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/losslessText/oneOf/1/required",keyword:"required",params:{missingProperty: "base64"},message:"must have required property '"+"base64"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key1 in data1){
if(!(key1 === "base64")){
const err7 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/losslessText/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data1.base64 !== undefined){
let data2 = data1.base64;
if(typeof data2 === "string"){
if(!pattern11.test(data2)){
const err8 = {instancePath:instancePath+"/path/base64",schemaPath:"#/$defs/losslessText/oneOf/1/properties/base64/pattern",keyword:"pattern",params:{pattern: "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"},message:"must match pattern \""+"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/path/base64",schemaPath:"#/$defs/losslessText/oneOf/1/properties/base64/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/losslessText/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid0 = _errs9 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid2 = true;
passing0 = 1;
}
}
if(!valid2){
const err11 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/losslessText/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
else {
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
}
}
if(data.offset !== undefined){
let data3 = data.offset;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err12 = {instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err13 = {instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}
validate24.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(validate24(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
}
else {
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"items":true,"dynamicProps":false,"dynamicItems":false};


function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.chain === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "chain"},message:"must have required property '"+"chain"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.message === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "chain") || (key0 === "kind")) || (key0 === "message")) || (key0 === "offset"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.chain !== undefined){
if(!(validate23(data.chain, {instancePath:instancePath+"/chain",parentData:data,parentDataProperty:"chain",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if(!((((((data1 === "limit") || (data1 === "corrupt")) || (data1 === "encrypted")) || (data1 === "unsupported")) || (data1 === "io")) || (data1 === "internal"))){
const err4 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema40.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.message !== undefined){
let data2 = data.message;
if(typeof data2 === "string"){
if(func1(data2) < 1){
const err5 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.offset !== undefined){
let data3 = data.offset;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err7 = {instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err8 = {instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema44 = {"description":"A fact about an input that a reader should know but that lost no bytes: never a reason for `partial`.","type":"object","additionalProperties":false,"required":["chain","message"],"properties":{"chain":{"description":"Where it was noted (empty: in the input file itself).","$ref":"#/$defs/chain"},"message":{"description":"Human-readable explanation.","type":"string","minLength":1},"offset":{"description":"Byte offset inside the innermost object of `chain`, when known.","type":"integer","minimum":0}}};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate28.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.chain === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "chain"},message:"must have required property '"+"chain"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.message === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "chain") || (key0 === "message")) || (key0 === "offset"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.chain !== undefined){
if(!(validate23(data.chain, {instancePath:instancePath+"/chain",parentData:data,parentDataProperty:"chain",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.message !== undefined){
let data1 = data.message;
if(typeof data1 === "string"){
if(func1(data1) < 1){
const err3 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.offset !== undefined){
let data2 = data.offset;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/offset",schemaPath:"#/properties/offset/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
}
else {
const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}
validate28.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema45 = {"description":"A span of the input that was one object.","type":"object","additionalProperties":false,"required":["chain","format","start","end"],"properties":{"chain":{"description":"The object's container chain (empty for the input itself).","$ref":"#/$defs/chain"},"format":{"description":"The handler that opened the object, or `raw` when none recognised it (its bytes were searched raw only).","type":"string","minLength":1},"start":{"description":"First byte of the object in the input.","type":"integer","minimum":0},"end":{"description":"One past the last byte of the object in the input.","type":"integer","minimum":0}}};

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.chain === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "chain"},message:"must have required property '"+"chain"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.format === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "format"},message:"must have required property '"+"format"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.start === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "start"},message:"must have required property '"+"start"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.end === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "end"},message:"must have required property '"+"end"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "chain") || (key0 === "format")) || (key0 === "start")) || (key0 === "end"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.chain !== undefined){
if(!(validate23(data.chain, {instancePath:instancePath+"/chain",parentData:data,parentDataProperty:"chain",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.format !== undefined){
let data1 = data.format;
if(typeof data1 === "string"){
if(func1(data1) < 1){
const err5 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.start !== undefined){
let data2 = data.start;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err7 = {instancePath:instancePath+"/start",schemaPath:"#/properties/start/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/start",schemaPath:"#/properties/start/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data.end !== undefined){
let data3 = data.end;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err9 = {instancePath:instancePath+"/end",schemaPath:"#/properties/end/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/end",schemaPath:"#/properties/end/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}
validate31.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema46 = {"description":"What the input's outermost self-describing layer records about itself (uImage name and timestamp, FIT description, digicap.dav header, DH-zip version strings). Facts read from the format, never guessed; absent when no format records anything.","type":"object","additionalProperties":false,"required":["format","chain"],"properties":{"format":{"description":"Handler id of the format that recorded the facts.","type":"string","minLength":1},"chain":{"description":"Container chain of the object that recorded them (empty: the input itself).","$ref":"#/$defs/chain"},"vendor":{"description":"The vendor whose own container format this is (Hikvision, Dahua); absent for generic formats.","type":"string"},"name":{"description":"Image or product name as recorded.","type":"string"},"model":{"description":"Model as recorded.","type":"string"},"version":{"description":"Version string as recorded.","type":"string"},"buildDate":{"description":"Build or image creation time recorded by the format (RFC 3339, UTC).","type":"string","format":"date-time"},"arch":{"description":"CPU architecture as recorded.","type":"string"},"os":{"description":"Operating system as recorded.","type":"string"},"details":{"description":"Other header fields as recorded, by the format's own field names (digicap `oem_code`, `language`, `device_class`).","type":"object","additionalProperties":{"description":"The field's value as recorded.","type":"string"}}}};

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.format === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "format"},message:"must have required property '"+"format"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.chain === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "chain"},message:"must have required property '"+"chain"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema46.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.format !== undefined){
let data0 = data.format;
if(typeof data0 === "string"){
if(func1(data0) < 1){
const err3 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.chain !== undefined){
if(!(validate23(data.chain, {instancePath:instancePath+"/chain",parentData:data,parentDataProperty:"chain",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.vendor !== undefined){
if(typeof data.vendor !== "string"){
const err5 = {instancePath:instancePath+"/vendor",schemaPath:"#/properties/vendor/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
if(typeof data.name !== "string"){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.model !== undefined){
if(typeof data.model !== "string"){
const err7 = {instancePath:instancePath+"/model",schemaPath:"#/properties/model/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.version !== undefined){
if(typeof data.version !== "string"){
const err8 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.buildDate !== undefined){
let data6 = data.buildDate;
if(typeof data6 === "string"){
if(!(formats0.validate(data6))){
const err9 = {instancePath:instancePath+"/buildDate",schemaPath:"#/properties/buildDate/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/buildDate",schemaPath:"#/properties/buildDate/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.arch !== undefined){
if(typeof data.arch !== "string"){
const err11 = {instancePath:instancePath+"/arch",schemaPath:"#/properties/arch/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.os !== undefined){
if(typeof data.os !== "string"){
const err12 = {instancePath:instancePath+"/os",schemaPath:"#/properties/os/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.details !== undefined){
let data9 = data.details;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key1 in data9){
if(typeof data9[key1] !== "string"){
const err13 = {instancePath:instancePath+"/details/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/details/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/details",schemaPath:"#/properties/details/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.path === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.size === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "size"},message:"must have required property '"+"size"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.sha256 === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "sha256"},message:"must have required property '"+"sha256"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.status === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.problems === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "problems"},message:"must have required property '"+"problems"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.coverage === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "coverage"},message:"must have required property '"+"coverage"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.layers === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "layers"},message:"must have required property '"+"layers"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema37.properties, key0))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.path !== undefined){
let data0 = data.path;
const _errs4 = errors;
let valid2 = false;
let passing0 = null;
const _errs5 = errors;
if(typeof data0 !== "string"){
const err8 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/losslessText/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var _valid0 = _errs5 === errors;
if(_valid0){
valid2 = true;
passing0 = 0;
}
const _errs7 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.base64 === undefined){
const err9 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/losslessText/oneOf/1/required",keyword:"required",params:{missingProperty: "base64"},message:"must have required property '"+"base64"+"'"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data0){
if(!(key1 === "base64")){
const err10 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/losslessText/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data0.base64 !== undefined){
let data1 = data0.base64;
if(typeof data1 === "string"){
if(!pattern11.test(data1)){
const err11 = {instancePath:instancePath+"/path/base64",schemaPath:"#/$defs/losslessText/oneOf/1/properties/base64/pattern",keyword:"pattern",params:{pattern: "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"},message:"must match pattern \""+"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"+"\""};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/path/base64",schemaPath:"#/$defs/losslessText/oneOf/1/properties/base64/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/losslessText/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid0 = _errs7 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid2 = true;
passing0 = 1;
}
}
if(!valid2){
const err14 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/losslessText/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
else {
errors = _errs4;
if(vErrors !== null){
if(_errs4){
vErrors.length = _errs4;
}
else {
vErrors = null;
}
}
}
}
if(data.size !== undefined){
let data2 = data.size;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err15 = {instancePath:instancePath+"/size",schemaPath:"#/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err16 = {instancePath:instancePath+"/size",schemaPath:"#/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
if(data.sha256 !== undefined){
let data3 = data.sha256;
if(typeof data3 === "string"){
if(!pattern5.test(data3)){
const err17 = {instancePath:instancePath+"/sha256",schemaPath:"#/$defs/sha256/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/sha256",schemaPath:"#/$defs/sha256/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.status !== undefined){
let data4 = data.status;
if(!((((data4 === "complete") || (data4 === "partial")) || (data4 === "failed")) || (data4 === "skipped"))){
const err19 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/enum",keyword:"enum",params:{allowedValues: schema37.properties.status.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.skipReason !== undefined){
let data5 = data.skipReason;
if(typeof data5 === "string"){
if(func1(data5) < 1){
const err20 = {instancePath:instancePath+"/skipReason",schemaPath:"#/properties/skipReason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/skipReason",schemaPath:"#/properties/skipReason/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.problems !== undefined){
let data6 = data.problems;
if(Array.isArray(data6)){
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
if(!(validate22(data6[i0], {instancePath:instancePath+"/problems/" + i0,parentData:data6,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
}
else {
const err22 = {instancePath:instancePath+"/problems",schemaPath:"#/properties/problems/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.notes !== undefined){
let data8 = data.notes;
if(Array.isArray(data8)){
const len1 = data8.length;
for(let i1=0; i1<len1; i1++){
if(!(validate28(data8[i1], {instancePath:instancePath+"/notes/" + i1,parentData:data8,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
}
else {
const err23 = {instancePath:instancePath+"/notes",schemaPath:"#/properties/notes/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.coverage !== undefined){
let data10 = data.coverage;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.bytesScanned === undefined){
const err24 = {instancePath:instancePath+"/coverage",schemaPath:"#/properties/coverage/required",keyword:"required",params:{missingProperty: "bytesScanned"},message:"must have required property '"+"bytesScanned"+"'"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data10.objects === undefined){
const err25 = {instancePath:instancePath+"/coverage",schemaPath:"#/properties/coverage/required",keyword:"required",params:{missingProperty: "objects"},message:"must have required property '"+"objects"+"'"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
for(const key2 in data10){
if(!(((((key2 === "bytesScanned") || (key2 === "objects")) || (key2 === "chunksCarved")) || (key2 === "carveCandidatesRejected")) || (key2 === "hitCandidatesRejected"))){
const err26 = {instancePath:instancePath+"/coverage",schemaPath:"#/properties/coverage/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data10.bytesScanned !== undefined){
let data11 = data10.bytesScanned;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err27 = {instancePath:instancePath+"/coverage/bytesScanned",schemaPath:"#/properties/coverage/properties/bytesScanned/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 0 || isNaN(data11)){
const err28 = {instancePath:instancePath+"/coverage/bytesScanned",schemaPath:"#/properties/coverage/properties/bytesScanned/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
if(data10.objects !== undefined){
let data12 = data10.objects;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err29 = {instancePath:instancePath+"/coverage/objects",schemaPath:"#/properties/coverage/properties/objects/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 0 || isNaN(data12)){
const err30 = {instancePath:instancePath+"/coverage/objects",schemaPath:"#/properties/coverage/properties/objects/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
if(data10.chunksCarved !== undefined){
let data13 = data10.chunksCarved;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err31 = {instancePath:instancePath+"/coverage/chunksCarved",schemaPath:"#/properties/coverage/properties/chunksCarved/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 0 || isNaN(data13)){
const err32 = {instancePath:instancePath+"/coverage/chunksCarved",schemaPath:"#/properties/coverage/properties/chunksCarved/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
if(data10.carveCandidatesRejected !== undefined){
let data14 = data10.carveCandidatesRejected;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err33 = {instancePath:instancePath+"/coverage/carveCandidatesRejected",schemaPath:"#/properties/coverage/properties/carveCandidatesRejected/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 0 || isNaN(data14)){
const err34 = {instancePath:instancePath+"/coverage/carveCandidatesRejected",schemaPath:"#/properties/coverage/properties/carveCandidatesRejected/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
if(data10.hitCandidatesRejected !== undefined){
let data15 = data10.hitCandidatesRejected;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err35 = {instancePath:instancePath+"/coverage/hitCandidatesRejected",schemaPath:"#/properties/coverage/properties/hitCandidatesRejected/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 0 || isNaN(data15)){
const err36 = {instancePath:instancePath+"/coverage/hitCandidatesRejected",schemaPath:"#/properties/coverage/properties/hitCandidatesRejected/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
}
else {
const err37 = {instancePath:instancePath+"/coverage",schemaPath:"#/properties/coverage/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data.layers !== undefined){
let data16 = data.layers;
if(Array.isArray(data16)){
const len2 = data16.length;
for(let i2=0; i2<len2; i2++){
if(!(validate31(data16[i2], {instancePath:instancePath+"/layers/" + i2,parentData:data16,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
}
else {
const err38 = {instancePath:instancePath+"/layers",schemaPath:"#/properties/layers/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.identity !== undefined){
if(!(validate34(data.identity, {instancePath:instancePath+"/identity",parentData:data,parentDataProperty:"identity",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
}
else {
const err39 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema47 = {"description":"One verified hit of one term in one encoding and form.","type":"object","additionalProperties":false,"required":["id","term","match","location","context","confidence","reasons"],"properties":{"id":{"description":"Stable fingerprint: first 32 hex digits of sha256 over input path, chain member paths, term id, encoding, form, variant and occurrence index. Independent of byte offsets, so unrelated insertions do not change it.","type":"string","pattern":"^[0-9a-f]{32}$"},"term":{"description":"The pattern-pack term that was found.","type":"object","additionalProperties":false,"required":["id","text","category","precision","pack","meaning"],"properties":{"id":{"description":"Term id, unique across loaded packs.","type":"string","minLength":1},"text":{"description":"The term's canonical text.","type":"string","minLength":1},"category":{"description":"What the term reveals.","enum":["ethnicity","race","skin-colour","region-targeting","minority-alert"]},"precision":{"description":"high: almost never fires outside ethnic analytics; medium: needs context; ambiguous: only with corroboration.","enum":["high","medium","ambiguous"]},"pack":{"description":"Id of the pack the term came from.","type":"string","minLength":1},"meaning":{"description":"English meaning of the term.","type":"string"},"references":{"description":"Public sources that document the term (from the pattern pack), so every rendering can cite them from the report alone.","type":"array","items":{"description":"One source.","type":"object","additionalProperties":false,"required":["title","url"],"properties":{"title":{"description":"Title of the source.","type":"string","minLength":1},"url":{"description":"Where to read it.","type":"string","minLength":1}}}}}},"match":{"description":"The bytes that matched.","type":"object","additionalProperties":false,"required":["encoding","form","variant","hex","length"],"properties":{"encoding":{"description":"Character encoding the needle was encoded in.","enum":["utf-8","utf-16le","utf-16be","utf-32le","utf-32be","gb18030","big5"]},"form":{"description":"How the encoded bytes were written: raw bytes, an escape syntax, base64, or a decoded document text view.","enum":["raw","json-escape","html-entity","url-percent","c-escape","base64","text-view"]},"variant":{"description":"The spelling that matched: the term's text or one of its variants.","type":"string","minLength":1},"hex":{"description":"The matched bytes.","$ref":"#/$defs/hex"},"length":{"description":"Number of matched bytes.","type":"integer","minimum":1}}},"location":{"description":"Where the bytes are.","type":"object","additionalProperties":false,"required":["input","chain","offset","objectSha256"],"properties":{"input":{"description":"The input path, as in `inputs[].path`.","$ref":"#/$defs/losslessText"},"chain":{"description":"Container layers from the input to the innermost object holding the hit.","$ref":"#/$defs/chain"},"offset":{"description":"Byte offset of the first matched byte inside the innermost object.","type":"integer","minimum":0},"objectSha256":{"description":"sha256 of the innermost object's bytes, so the hit can be re-checked.","$ref":"#/$defs/sha256"},"line":{"description":"1-based line of the hit; only for text objects.","type":"integer","minimum":1},"column":{"description":"1-based column of the hit in characters of the hit's encoding; only for text objects.","type":"integer","minimum":1},"source":{"description":"For a hit in derived text (PDF page text, whose offsets are in the text pdf.js extracted): the bytes of the object that drew it, a content stream under the same parent, so the text is traced back to the file. Present only when one object drew every non-blank byte of the hit.","type":"object","additionalProperties":false,"required":["chain","ranges","hex"],"properties":{"chain":{"description":"Container layers from the input to the object that drew the text (the decoded content stream).","$ref":"#/$defs/chain"},"ranges":{"description":"Its byte ranges that drew the hit's characters (the glyph codes of the string operands, as written: raw bytes, escapes or hex digits), in text order.","type":"array","minItems":1,"items":{"description":"One range.","type":"object","additionalProperties":false,"required":["offset","length"],"properties":{"offset":{"description":"Byte offset in that object.","type":"integer","minimum":0},"length":{"description":"Bytes.","type":"integer","minimum":1}}}},"hex":{"description":"The bytes of the ranges, in order.","$ref":"#/$defs/hex"}}}}},"context":{"description":"The bytes around the hit: `before`, `after` and `hex` together, or only `redacted: true` when the report was written with `--redact` (offsets, hashes, the matched bytes and the id stay, so the finding can still be verified).","type":"object","additionalProperties":false,"minProperties":1,"dependentRequired":{"before":["after","hex"],"after":["before","hex"],"hex":["before","after"],"encoding":["before"]},"properties":{"redacted":{"description":"Present (always true) when the context was removed by `--redact`.","const":true},"before":{"description":"Up to 40 characters before the hit, decoded in the hit's encoding; undecodable bytes and control characters shown as `·`.","type":"string"},"after":{"description":"Up to 40 characters after the hit, decoded like `before`.","type":"string"},"hex":{"description":"Up to 32 bytes before the hit, the hit, and up to 32 bytes after it.","$ref":"#/$defs/hex"},"encoding":{"description":"The encoding `before` and `after` were decoded in: for an ASCII hit (an identifier, an escape) the encoding of the text around it (valid UTF-8 stays UTF-8, else GB18030 or Big5 by validity and character frequency), else the hit's own.","enum":["utf-8","utf-16le","utf-16be","utf-32le","utf-32be","gb18030","big5"]}}},"confidence":{"description":"How sure fwsift is that this is ethnicity/race/skin-colour analytics: from the term's precision, alignment, how text-like the window is, and co-occurring or demoting context (see `reasons`).","enum":["high","medium","low"]},"more":{"description":"Further occurrences of this term in the same object that were not reported in full (a flood: only the first hits per object and term are kept, see the `maxFindingsPerTerm` option).","type":"object","additionalProperties":false,"required":["count","offsets"],"properties":{"count":{"description":"How many further verified occurrences there were.","type":"integer","minimum":1},"offsets":{"description":"Offsets in the object of the first of them (at most 10,000).","type":"array","items":{"type":"integer","minimum":0},"maxItems":10000}}},"reasons":{"description":"Why the confidence is what it is: short strings `code:detail`, e.g. `precision:high`, `context:id-card (身份证)`.","type":"array","items":{"description":"One reason.","type":"string","minLength":1}},"contains":{"description":"Other terms found inside this finding's bytes (疆藏 inside 疆藏(需定制支持), `EM_NATION_TYPE` inside `EM_NATION_TYPE_UYGUR`): the place is one finding, counted once; its confidence is the highest of them.","type":"array","items":{"description":"One contained term hit.","type":"object","additionalProperties":false,"required":["termId","text","variant","offset","length","confidence"],"properties":{"termId":{"description":"Id of the contained term.","type":"string","minLength":1},"text":{"description":"The contained term's canonical text.","type":"string","minLength":1},"variant":{"description":"The spelling found: the term's text or one of its variants.","type":"string","minLength":1},"offset":{"description":"Byte offset of the contained hit in the same object as the finding.","type":"integer","minimum":0},"length":{"description":"Bytes of the contained hit.","type":"integer","minimum":1},"confidence":{"description":"The contained hit's own confidence.","enum":["high","medium","low"]}}}},"baselineState":{"description":"Only with `--baseline`: `new` when the baseline report has no finding with this id, `unchanged` when it has. Only `new` findings count for `--fail-on`.","enum":["new","unchanged"]},"suppression":{"description":"Only with `--ignore`: the ignore-file entry that suppressed this finding. A suppressed finding stays in the report but does not count for `--fail-on`.","type":"object","additionalProperties":false,"required":["entry","reason"],"properties":{"entry":{"description":"The entry that matched: a finding id, or a glob over `input!/member!/member` paths.","type":"string","minLength":1},"reason":{"description":"Why it is suppressed, as written in the ignore file.","type":"string","minLength":1},"expires":{"description":"Date (YYYY-MM-DD) after which the entry no longer suppresses.","type":"string","format":"date"}}}}};
const schema48 = {"description":"Bytes in lower-case hex, two digits a byte, no separators.","type":"string","pattern":"^(?:[0-9a-f]{2})*$"};
const pattern15 = new RegExp("^(?:[0-9a-f]{2})*$", "u");
const formats6 = require("ajv-formats/dist/formats.js").fullFormats.date;

function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate38.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.term === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "term"},message:"must have required property '"+"term"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.match === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "match"},message:"must have required property '"+"match"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.location === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "location"},message:"must have required property '"+"location"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.context === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "context"},message:"must have required property '"+"context"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.confidence === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "confidence"},message:"must have required property '"+"confidence"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.reasons === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "reasons"},message:"must have required property '"+"reasons"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema47.properties, key0))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!pattern14.test(data0)){
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{32}$"},message:"must match pattern \""+"^[0-9a-f]{32}$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.term !== undefined){
let data1 = data.term;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.id === undefined){
const err10 = {instancePath:instancePath+"/term",schemaPath:"#/properties/term/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data1.text === undefined){
const err11 = {instancePath:instancePath+"/term",schemaPath:"#/properties/term/required",keyword:"required",params:{missingProperty: "text"},message:"must have required property '"+"text"+"'"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data1.category === undefined){
const err12 = {instancePath:instancePath+"/term",schemaPath:"#/properties/term/required",keyword:"required",params:{missingProperty: "category"},message:"must have required property '"+"category"+"'"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data1.precision === undefined){
const err13 = {instancePath:instancePath+"/term",schemaPath:"#/properties/term/required",keyword:"required",params:{missingProperty: "precision"},message:"must have required property '"+"precision"+"'"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data1.pack === undefined){
const err14 = {instancePath:instancePath+"/term",schemaPath:"#/properties/term/required",keyword:"required",params:{missingProperty: "pack"},message:"must have required property '"+"pack"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data1.meaning === undefined){
const err15 = {instancePath:instancePath+"/term",schemaPath:"#/properties/term/required",keyword:"required",params:{missingProperty: "meaning"},message:"must have required property '"+"meaning"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key1 in data1){
if(!(((((((key1 === "id") || (key1 === "text")) || (key1 === "category")) || (key1 === "precision")) || (key1 === "pack")) || (key1 === "meaning")) || (key1 === "references"))){
const err16 = {instancePath:instancePath+"/term",schemaPath:"#/properties/term/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data1.id !== undefined){
let data2 = data1.id;
if(typeof data2 === "string"){
if(func1(data2) < 1){
const err17 = {instancePath:instancePath+"/term/id",schemaPath:"#/properties/term/properties/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/term/id",schemaPath:"#/properties/term/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data1.text !== undefined){
let data3 = data1.text;
if(typeof data3 === "string"){
if(func1(data3) < 1){
const err19 = {instancePath:instancePath+"/term/text",schemaPath:"#/properties/term/properties/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/term/text",schemaPath:"#/properties/term/properties/text/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data1.category !== undefined){
let data4 = data1.category;
if(!(((((data4 === "ethnicity") || (data4 === "race")) || (data4 === "skin-colour")) || (data4 === "region-targeting")) || (data4 === "minority-alert"))){
const err21 = {instancePath:instancePath+"/term/category",schemaPath:"#/properties/term/properties/category/enum",keyword:"enum",params:{allowedValues: schema47.properties.term.properties.category.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data1.precision !== undefined){
let data5 = data1.precision;
if(!(((data5 === "high") || (data5 === "medium")) || (data5 === "ambiguous"))){
const err22 = {instancePath:instancePath+"/term/precision",schemaPath:"#/properties/term/properties/precision/enum",keyword:"enum",params:{allowedValues: schema47.properties.term.properties.precision.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data1.pack !== undefined){
let data6 = data1.pack;
if(typeof data6 === "string"){
if(func1(data6) < 1){
const err23 = {instancePath:instancePath+"/term/pack",schemaPath:"#/properties/term/properties/pack/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/term/pack",schemaPath:"#/properties/term/properties/pack/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data1.meaning !== undefined){
if(typeof data1.meaning !== "string"){
const err25 = {instancePath:instancePath+"/term/meaning",schemaPath:"#/properties/term/properties/meaning/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data1.references !== undefined){
let data8 = data1.references;
if(Array.isArray(data8)){
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
let data9 = data8[i0];
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.title === undefined){
const err26 = {instancePath:instancePath+"/term/references/" + i0,schemaPath:"#/properties/term/properties/references/items/required",keyword:"required",params:{missingProperty: "title"},message:"must have required property '"+"title"+"'"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data9.url === undefined){
const err27 = {instancePath:instancePath+"/term/references/" + i0,schemaPath:"#/properties/term/properties/references/items/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key2 in data9){
if(!((key2 === "title") || (key2 === "url"))){
const err28 = {instancePath:instancePath+"/term/references/" + i0,schemaPath:"#/properties/term/properties/references/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data9.title !== undefined){
let data10 = data9.title;
if(typeof data10 === "string"){
if(func1(data10) < 1){
const err29 = {instancePath:instancePath+"/term/references/" + i0+"/title",schemaPath:"#/properties/term/properties/references/items/properties/title/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/term/references/" + i0+"/title",schemaPath:"#/properties/term/properties/references/items/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data9.url !== undefined){
let data11 = data9.url;
if(typeof data11 === "string"){
if(func1(data11) < 1){
const err31 = {instancePath:instancePath+"/term/references/" + i0+"/url",schemaPath:"#/properties/term/properties/references/items/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/term/references/" + i0+"/url",schemaPath:"#/properties/term/properties/references/items/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/term/references/" + i0,schemaPath:"#/properties/term/properties/references/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath:instancePath+"/term/references",schemaPath:"#/properties/term/properties/references/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/term",schemaPath:"#/properties/term/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.match !== undefined){
let data12 = data.match;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.encoding === undefined){
const err36 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/required",keyword:"required",params:{missingProperty: "encoding"},message:"must have required property '"+"encoding"+"'"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data12.form === undefined){
const err37 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/required",keyword:"required",params:{missingProperty: "form"},message:"must have required property '"+"form"+"'"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data12.variant === undefined){
const err38 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/required",keyword:"required",params:{missingProperty: "variant"},message:"must have required property '"+"variant"+"'"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data12.hex === undefined){
const err39 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/required",keyword:"required",params:{missingProperty: "hex"},message:"must have required property '"+"hex"+"'"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(data12.length === undefined){
const err40 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/required",keyword:"required",params:{missingProperty: "length"},message:"must have required property '"+"length"+"'"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
for(const key3 in data12){
if(!(((((key3 === "encoding") || (key3 === "form")) || (key3 === "variant")) || (key3 === "hex")) || (key3 === "length"))){
const err41 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data12.encoding !== undefined){
let data13 = data12.encoding;
if(!(((((((data13 === "utf-8") || (data13 === "utf-16le")) || (data13 === "utf-16be")) || (data13 === "utf-32le")) || (data13 === "utf-32be")) || (data13 === "gb18030")) || (data13 === "big5"))){
const err42 = {instancePath:instancePath+"/match/encoding",schemaPath:"#/properties/match/properties/encoding/enum",keyword:"enum",params:{allowedValues: schema47.properties.match.properties.encoding.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data12.form !== undefined){
let data14 = data12.form;
if(!(((((((data14 === "raw") || (data14 === "json-escape")) || (data14 === "html-entity")) || (data14 === "url-percent")) || (data14 === "c-escape")) || (data14 === "base64")) || (data14 === "text-view"))){
const err43 = {instancePath:instancePath+"/match/form",schemaPath:"#/properties/match/properties/form/enum",keyword:"enum",params:{allowedValues: schema47.properties.match.properties.form.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data12.variant !== undefined){
let data15 = data12.variant;
if(typeof data15 === "string"){
if(func1(data15) < 1){
const err44 = {instancePath:instancePath+"/match/variant",schemaPath:"#/properties/match/properties/variant/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/match/variant",schemaPath:"#/properties/match/properties/variant/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data12.hex !== undefined){
let data16 = data12.hex;
if(typeof data16 === "string"){
if(!pattern15.test(data16)){
const err46 = {instancePath:instancePath+"/match/hex",schemaPath:"#/$defs/hex/pattern",keyword:"pattern",params:{pattern: "^(?:[0-9a-f]{2})*$"},message:"must match pattern \""+"^(?:[0-9a-f]{2})*$"+"\""};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
else {
const err47 = {instancePath:instancePath+"/match/hex",schemaPath:"#/$defs/hex/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data12.length !== undefined){
let data17 = data12.length;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err48 = {instancePath:instancePath+"/match/length",schemaPath:"#/properties/match/properties/length/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 < 1 || isNaN(data17)){
const err49 = {instancePath:instancePath+"/match/length",schemaPath:"#/properties/match/properties/length/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
}
else {
const err50 = {instancePath:instancePath+"/match",schemaPath:"#/properties/match/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.location !== undefined){
let data18 = data.location;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(data18.input === undefined){
const err51 = {instancePath:instancePath+"/location",schemaPath:"#/properties/location/required",keyword:"required",params:{missingProperty: "input"},message:"must have required property '"+"input"+"'"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(data18.chain === undefined){
const err52 = {instancePath:instancePath+"/location",schemaPath:"#/properties/location/required",keyword:"required",params:{missingProperty: "chain"},message:"must have required property '"+"chain"+"'"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(data18.offset === undefined){
const err53 = {instancePath:instancePath+"/location",schemaPath:"#/properties/location/required",keyword:"required",params:{missingProperty: "offset"},message:"must have required property '"+"offset"+"'"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(data18.objectSha256 === undefined){
const err54 = {instancePath:instancePath+"/location",schemaPath:"#/properties/location/required",keyword:"required",params:{missingProperty: "objectSha256"},message:"must have required property '"+"objectSha256"+"'"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
for(const key4 in data18){
if(!(((((((key4 === "input") || (key4 === "chain")) || (key4 === "offset")) || (key4 === "objectSha256")) || (key4 === "line")) || (key4 === "column")) || (key4 === "source"))){
const err55 = {instancePath:instancePath+"/location",schemaPath:"#/properties/location/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data18.input !== undefined){
let data19 = data18.input;
const _errs43 = errors;
let valid9 = false;
let passing0 = null;
const _errs44 = errors;
if(typeof data19 !== "string"){
const err56 = {instancePath:instancePath+"/location/input",schemaPath:"#/$defs/losslessText/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
var _valid0 = _errs44 === errors;
if(_valid0){
valid9 = true;
passing0 = 0;
}
const _errs46 = errors;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
if(data19.base64 === undefined){
const err57 = {instancePath:instancePath+"/location/input",schemaPath:"#/$defs/losslessText/oneOf/1/required",keyword:"required",params:{missingProperty: "base64"},message:"must have required property '"+"base64"+"'"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
for(const key5 in data19){
if(!(key5 === "base64")){
const err58 = {instancePath:instancePath+"/location/input",schemaPath:"#/$defs/losslessText/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data19.base64 !== undefined){
let data20 = data19.base64;
if(typeof data20 === "string"){
if(!pattern11.test(data20)){
const err59 = {instancePath:instancePath+"/location/input/base64",schemaPath:"#/$defs/losslessText/oneOf/1/properties/base64/pattern",keyword:"pattern",params:{pattern: "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"},message:"must match pattern \""+"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"+"\""};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
else {
const err60 = {instancePath:instancePath+"/location/input/base64",schemaPath:"#/$defs/losslessText/oneOf/1/properties/base64/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
}
else {
const err61 = {instancePath:instancePath+"/location/input",schemaPath:"#/$defs/losslessText/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
var _valid0 = _errs46 === errors;
if(_valid0 && valid9){
valid9 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid9 = true;
passing0 = 1;
}
}
if(!valid9){
const err62 = {instancePath:instancePath+"/location/input",schemaPath:"#/$defs/losslessText/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
else {
errors = _errs43;
if(vErrors !== null){
if(_errs43){
vErrors.length = _errs43;
}
else {
vErrors = null;
}
}
}
}
if(data18.chain !== undefined){
if(!(validate23(data18.chain, {instancePath:instancePath+"/location/chain",parentData:data18,parentDataProperty:"chain",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data18.offset !== undefined){
let data22 = data18.offset;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err63 = {instancePath:instancePath+"/location/offset",schemaPath:"#/properties/location/properties/offset/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 < 0 || isNaN(data22)){
const err64 = {instancePath:instancePath+"/location/offset",schemaPath:"#/properties/location/properties/offset/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
if(data18.objectSha256 !== undefined){
let data23 = data18.objectSha256;
if(typeof data23 === "string"){
if(!pattern5.test(data23)){
const err65 = {instancePath:instancePath+"/location/objectSha256",schemaPath:"#/$defs/sha256/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/location/objectSha256",schemaPath:"#/$defs/sha256/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data18.line !== undefined){
let data24 = data18.line;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err67 = {instancePath:instancePath+"/location/line",schemaPath:"#/properties/location/properties/line/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 1 || isNaN(data24)){
const err68 = {instancePath:instancePath+"/location/line",schemaPath:"#/properties/location/properties/line/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
if(data18.column !== undefined){
let data25 = data18.column;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err69 = {instancePath:instancePath+"/location/column",schemaPath:"#/properties/location/properties/column/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 < 1 || isNaN(data25)){
const err70 = {instancePath:instancePath+"/location/column",schemaPath:"#/properties/location/properties/column/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
}
if(data18.source !== undefined){
let data26 = data18.source;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
if(data26.chain === undefined){
const err71 = {instancePath:instancePath+"/location/source",schemaPath:"#/properties/location/properties/source/required",keyword:"required",params:{missingProperty: "chain"},message:"must have required property '"+"chain"+"'"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if(data26.ranges === undefined){
const err72 = {instancePath:instancePath+"/location/source",schemaPath:"#/properties/location/properties/source/required",keyword:"required",params:{missingProperty: "ranges"},message:"must have required property '"+"ranges"+"'"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(data26.hex === undefined){
const err73 = {instancePath:instancePath+"/location/source",schemaPath:"#/properties/location/properties/source/required",keyword:"required",params:{missingProperty: "hex"},message:"must have required property '"+"hex"+"'"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
for(const key6 in data26){
if(!(((key6 === "chain") || (key6 === "ranges")) || (key6 === "hex"))){
const err74 = {instancePath:instancePath+"/location/source",schemaPath:"#/properties/location/properties/source/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data26.chain !== undefined){
if(!(validate23(data26.chain, {instancePath:instancePath+"/location/source/chain",parentData:data26,parentDataProperty:"chain",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data26.ranges !== undefined){
let data28 = data26.ranges;
if(Array.isArray(data28)){
if(data28.length < 1){
const err75 = {instancePath:instancePath+"/location/source/ranges",schemaPath:"#/properties/location/properties/source/properties/ranges/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
const len1 = data28.length;
for(let i1=0; i1<len1; i1++){
let data29 = data28[i1];
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
if(data29.offset === undefined){
const err76 = {instancePath:instancePath+"/location/source/ranges/" + i1,schemaPath:"#/properties/location/properties/source/properties/ranges/items/required",keyword:"required",params:{missingProperty: "offset"},message:"must have required property '"+"offset"+"'"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if(data29.length === undefined){
const err77 = {instancePath:instancePath+"/location/source/ranges/" + i1,schemaPath:"#/properties/location/properties/source/properties/ranges/items/required",keyword:"required",params:{missingProperty: "length"},message:"must have required property '"+"length"+"'"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
for(const key7 in data29){
if(!((key7 === "offset") || (key7 === "length"))){
const err78 = {instancePath:instancePath+"/location/source/ranges/" + i1,schemaPath:"#/properties/location/properties/source/properties/ranges/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data29.offset !== undefined){
let data30 = data29.offset;
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err79 = {instancePath:instancePath+"/location/source/ranges/" + i1+"/offset",schemaPath:"#/properties/location/properties/source/properties/ranges/items/properties/offset/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 < 0 || isNaN(data30)){
const err80 = {instancePath:instancePath+"/location/source/ranges/" + i1+"/offset",schemaPath:"#/properties/location/properties/source/properties/ranges/items/properties/offset/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
if(data29.length !== undefined){
let data31 = data29.length;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err81 = {instancePath:instancePath+"/location/source/ranges/" + i1+"/length",schemaPath:"#/properties/location/properties/source/properties/ranges/items/properties/length/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 < 1 || isNaN(data31)){
const err82 = {instancePath:instancePath+"/location/source/ranges/" + i1+"/length",schemaPath:"#/properties/location/properties/source/properties/ranges/items/properties/length/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
}
}
else {
const err83 = {instancePath:instancePath+"/location/source/ranges/" + i1,schemaPath:"#/properties/location/properties/source/properties/ranges/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
}
else {
const err84 = {instancePath:instancePath+"/location/source/ranges",schemaPath:"#/properties/location/properties/source/properties/ranges/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data26.hex !== undefined){
let data32 = data26.hex;
if(typeof data32 === "string"){
if(!pattern15.test(data32)){
const err85 = {instancePath:instancePath+"/location/source/hex",schemaPath:"#/$defs/hex/pattern",keyword:"pattern",params:{pattern: "^(?:[0-9a-f]{2})*$"},message:"must match pattern \""+"^(?:[0-9a-f]{2})*$"+"\""};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
else {
const err86 = {instancePath:instancePath+"/location/source/hex",schemaPath:"#/$defs/hex/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
}
else {
const err87 = {instancePath:instancePath+"/location/source",schemaPath:"#/properties/location/properties/source/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
}
else {
const err88 = {instancePath:instancePath+"/location",schemaPath:"#/properties/location/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
if(data.context !== undefined){
let data33 = data.context;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
if(Object.keys(data33).length < 1){
const err89 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
for(const key8 in data33){
if(!(((((key8 === "redacted") || (key8 === "before")) || (key8 === "after")) || (key8 === "hex")) || (key8 === "encoding"))){
const err90 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data33.redacted !== undefined){
if(true !== data33.redacted){
const err91 = {instancePath:instancePath+"/context/redacted",schemaPath:"#/properties/context/properties/redacted/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data33.before !== undefined){
if(typeof data33.before !== "string"){
const err92 = {instancePath:instancePath+"/context/before",schemaPath:"#/properties/context/properties/before/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(data33.after !== undefined){
if(typeof data33.after !== "string"){
const err93 = {instancePath:instancePath+"/context/after",schemaPath:"#/properties/context/properties/after/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data33.hex !== undefined){
let data37 = data33.hex;
if(typeof data37 === "string"){
if(!pattern15.test(data37)){
const err94 = {instancePath:instancePath+"/context/hex",schemaPath:"#/$defs/hex/pattern",keyword:"pattern",params:{pattern: "^(?:[0-9a-f]{2})*$"},message:"must match pattern \""+"^(?:[0-9a-f]{2})*$"+"\""};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
else {
const err95 = {instancePath:instancePath+"/context/hex",schemaPath:"#/$defs/hex/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data33.encoding !== undefined){
let data38 = data33.encoding;
if(!(((((((data38 === "utf-8") || (data38 === "utf-16le")) || (data38 === "utf-16be")) || (data38 === "utf-32le")) || (data38 === "utf-32be")) || (data38 === "gb18030")) || (data38 === "big5"))){
const err96 = {instancePath:instancePath+"/context/encoding",schemaPath:"#/properties/context/properties/encoding/enum",keyword:"enum",params:{allowedValues: schema47.properties.context.properties.encoding.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
if(data33.before !== undefined){
if(data33.after === undefined){
const err97 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/dependentRequired",keyword:"dependentRequired",params:{property: "before",
    missingProperty: "after",
    depsCount: 2,
    deps: "after, hex"},message:"must have properties after, hex when property before is present"};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(data33.hex === undefined){
const err98 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/dependentRequired",keyword:"dependentRequired",params:{property: "before",
    missingProperty: "hex",
    depsCount: 2,
    deps: "after, hex"},message:"must have properties after, hex when property before is present"};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
if(data33.after !== undefined){
if(data33.before === undefined){
const err99 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/dependentRequired",keyword:"dependentRequired",params:{property: "after",
    missingProperty: "before",
    depsCount: 2,
    deps: "before, hex"},message:"must have properties before, hex when property after is present"};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
if(data33.hex === undefined){
const err100 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/dependentRequired",keyword:"dependentRequired",params:{property: "after",
    missingProperty: "hex",
    depsCount: 2,
    deps: "before, hex"},message:"must have properties before, hex when property after is present"};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(data33.hex !== undefined){
if(data33.before === undefined){
const err101 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/dependentRequired",keyword:"dependentRequired",params:{property: "hex",
    missingProperty: "before",
    depsCount: 2,
    deps: "before, after"},message:"must have properties before, after when property hex is present"};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if(data33.after === undefined){
const err102 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/dependentRequired",keyword:"dependentRequired",params:{property: "hex",
    missingProperty: "after",
    depsCount: 2,
    deps: "before, after"},message:"must have properties before, after when property hex is present"};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
if(data33.encoding !== undefined){
if(data33.before === undefined){
const err103 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/dependentRequired",keyword:"dependentRequired",params:{property: "encoding",
    missingProperty: "before",
    depsCount: 1,
    deps: "before"},message:"must have property before when property encoding is present"};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
}
else {
const err104 = {instancePath:instancePath+"/context",schemaPath:"#/properties/context/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
if(data.confidence !== undefined){
let data39 = data.confidence;
if(!(((data39 === "high") || (data39 === "medium")) || (data39 === "low"))){
const err105 = {instancePath:instancePath+"/confidence",schemaPath:"#/properties/confidence/enum",keyword:"enum",params:{allowedValues: schema47.properties.confidence.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
if(data.more !== undefined){
let data40 = data.more;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
if(data40.count === undefined){
const err106 = {instancePath:instancePath+"/more",schemaPath:"#/properties/more/required",keyword:"required",params:{missingProperty: "count"},message:"must have required property '"+"count"+"'"};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if(data40.offsets === undefined){
const err107 = {instancePath:instancePath+"/more",schemaPath:"#/properties/more/required",keyword:"required",params:{missingProperty: "offsets"},message:"must have required property '"+"offsets"+"'"};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
for(const key9 in data40){
if(!((key9 === "count") || (key9 === "offsets"))){
const err108 = {instancePath:instancePath+"/more",schemaPath:"#/properties/more/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
if(data40.count !== undefined){
let data41 = data40.count;
if(!(((typeof data41 == "number") && (!(data41 % 1) && !isNaN(data41))) && (isFinite(data41)))){
const err109 = {instancePath:instancePath+"/more/count",schemaPath:"#/properties/more/properties/count/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
if((typeof data41 == "number") && (isFinite(data41))){
if(data41 < 1 || isNaN(data41)){
const err110 = {instancePath:instancePath+"/more/count",schemaPath:"#/properties/more/properties/count/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
}
if(data40.offsets !== undefined){
let data42 = data40.offsets;
if(Array.isArray(data42)){
if(data42.length > 10000){
const err111 = {instancePath:instancePath+"/more/offsets",schemaPath:"#/properties/more/properties/offsets/maxItems",keyword:"maxItems",params:{limit: 10000},message:"must NOT have more than 10000 items"};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
const len2 = data42.length;
for(let i2=0; i2<len2; i2++){
let data43 = data42[i2];
if(!(((typeof data43 == "number") && (!(data43 % 1) && !isNaN(data43))) && (isFinite(data43)))){
const err112 = {instancePath:instancePath+"/more/offsets/" + i2,schemaPath:"#/properties/more/properties/offsets/items/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
if((typeof data43 == "number") && (isFinite(data43))){
if(data43 < 0 || isNaN(data43)){
const err113 = {instancePath:instancePath+"/more/offsets/" + i2,schemaPath:"#/properties/more/properties/offsets/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
}
}
else {
const err114 = {instancePath:instancePath+"/more/offsets",schemaPath:"#/properties/more/properties/offsets/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
}
else {
const err115 = {instancePath:instancePath+"/more",schemaPath:"#/properties/more/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
if(data.reasons !== undefined){
let data44 = data.reasons;
if(Array.isArray(data44)){
const len3 = data44.length;
for(let i3=0; i3<len3; i3++){
let data45 = data44[i3];
if(typeof data45 === "string"){
if(func1(data45) < 1){
const err116 = {instancePath:instancePath+"/reasons/" + i3,schemaPath:"#/properties/reasons/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
else {
const err117 = {instancePath:instancePath+"/reasons/" + i3,schemaPath:"#/properties/reasons/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
}
else {
const err118 = {instancePath:instancePath+"/reasons",schemaPath:"#/properties/reasons/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
if(data.contains !== undefined){
let data46 = data.contains;
if(Array.isArray(data46)){
const len4 = data46.length;
for(let i4=0; i4<len4; i4++){
let data47 = data46[i4];
if(data47 && typeof data47 == "object" && !Array.isArray(data47)){
if(data47.termId === undefined){
const err119 = {instancePath:instancePath+"/contains/" + i4,schemaPath:"#/properties/contains/items/required",keyword:"required",params:{missingProperty: "termId"},message:"must have required property '"+"termId"+"'"};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
if(data47.text === undefined){
const err120 = {instancePath:instancePath+"/contains/" + i4,schemaPath:"#/properties/contains/items/required",keyword:"required",params:{missingProperty: "text"},message:"must have required property '"+"text"+"'"};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
if(data47.variant === undefined){
const err121 = {instancePath:instancePath+"/contains/" + i4,schemaPath:"#/properties/contains/items/required",keyword:"required",params:{missingProperty: "variant"},message:"must have required property '"+"variant"+"'"};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
if(data47.offset === undefined){
const err122 = {instancePath:instancePath+"/contains/" + i4,schemaPath:"#/properties/contains/items/required",keyword:"required",params:{missingProperty: "offset"},message:"must have required property '"+"offset"+"'"};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
if(data47.length === undefined){
const err123 = {instancePath:instancePath+"/contains/" + i4,schemaPath:"#/properties/contains/items/required",keyword:"required",params:{missingProperty: "length"},message:"must have required property '"+"length"+"'"};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
if(data47.confidence === undefined){
const err124 = {instancePath:instancePath+"/contains/" + i4,schemaPath:"#/properties/contains/items/required",keyword:"required",params:{missingProperty: "confidence"},message:"must have required property '"+"confidence"+"'"};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
for(const key10 in data47){
if(!((((((key10 === "termId") || (key10 === "text")) || (key10 === "variant")) || (key10 === "offset")) || (key10 === "length")) || (key10 === "confidence"))){
const err125 = {instancePath:instancePath+"/contains/" + i4,schemaPath:"#/properties/contains/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
if(data47.termId !== undefined){
let data48 = data47.termId;
if(typeof data48 === "string"){
if(func1(data48) < 1){
const err126 = {instancePath:instancePath+"/contains/" + i4+"/termId",schemaPath:"#/properties/contains/items/properties/termId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
else {
const err127 = {instancePath:instancePath+"/contains/" + i4+"/termId",schemaPath:"#/properties/contains/items/properties/termId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data47.text !== undefined){
let data49 = data47.text;
if(typeof data49 === "string"){
if(func1(data49) < 1){
const err128 = {instancePath:instancePath+"/contains/" + i4+"/text",schemaPath:"#/properties/contains/items/properties/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
else {
const err129 = {instancePath:instancePath+"/contains/" + i4+"/text",schemaPath:"#/properties/contains/items/properties/text/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
if(data47.variant !== undefined){
let data50 = data47.variant;
if(typeof data50 === "string"){
if(func1(data50) < 1){
const err130 = {instancePath:instancePath+"/contains/" + i4+"/variant",schemaPath:"#/properties/contains/items/properties/variant/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
else {
const err131 = {instancePath:instancePath+"/contains/" + i4+"/variant",schemaPath:"#/properties/contains/items/properties/variant/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
if(data47.offset !== undefined){
let data51 = data47.offset;
if(!(((typeof data51 == "number") && (!(data51 % 1) && !isNaN(data51))) && (isFinite(data51)))){
const err132 = {instancePath:instancePath+"/contains/" + i4+"/offset",schemaPath:"#/properties/contains/items/properties/offset/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
if((typeof data51 == "number") && (isFinite(data51))){
if(data51 < 0 || isNaN(data51)){
const err133 = {instancePath:instancePath+"/contains/" + i4+"/offset",schemaPath:"#/properties/contains/items/properties/offset/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
}
if(data47.length !== undefined){
let data52 = data47.length;
if(!(((typeof data52 == "number") && (!(data52 % 1) && !isNaN(data52))) && (isFinite(data52)))){
const err134 = {instancePath:instancePath+"/contains/" + i4+"/length",schemaPath:"#/properties/contains/items/properties/length/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
if((typeof data52 == "number") && (isFinite(data52))){
if(data52 < 1 || isNaN(data52)){
const err135 = {instancePath:instancePath+"/contains/" + i4+"/length",schemaPath:"#/properties/contains/items/properties/length/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
}
if(data47.confidence !== undefined){
let data53 = data47.confidence;
if(!(((data53 === "high") || (data53 === "medium")) || (data53 === "low"))){
const err136 = {instancePath:instancePath+"/contains/" + i4+"/confidence",schemaPath:"#/properties/contains/items/properties/confidence/enum",keyword:"enum",params:{allowedValues: schema47.properties.contains.items.properties.confidence.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
}
else {
const err137 = {instancePath:instancePath+"/contains/" + i4,schemaPath:"#/properties/contains/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
}
else {
const err138 = {instancePath:instancePath+"/contains",schemaPath:"#/properties/contains/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
if(data.baselineState !== undefined){
let data54 = data.baselineState;
if(!((data54 === "new") || (data54 === "unchanged"))){
const err139 = {instancePath:instancePath+"/baselineState",schemaPath:"#/properties/baselineState/enum",keyword:"enum",params:{allowedValues: schema47.properties.baselineState.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
if(data.suppression !== undefined){
let data55 = data.suppression;
if(data55 && typeof data55 == "object" && !Array.isArray(data55)){
if(data55.entry === undefined){
const err140 = {instancePath:instancePath+"/suppression",schemaPath:"#/properties/suppression/required",keyword:"required",params:{missingProperty: "entry"},message:"must have required property '"+"entry"+"'"};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
if(data55.reason === undefined){
const err141 = {instancePath:instancePath+"/suppression",schemaPath:"#/properties/suppression/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'"};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
for(const key11 in data55){
if(!(((key11 === "entry") || (key11 === "reason")) || (key11 === "expires"))){
const err142 = {instancePath:instancePath+"/suppression",schemaPath:"#/properties/suppression/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
}
if(data55.entry !== undefined){
let data56 = data55.entry;
if(typeof data56 === "string"){
if(func1(data56) < 1){
const err143 = {instancePath:instancePath+"/suppression/entry",schemaPath:"#/properties/suppression/properties/entry/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
}
else {
const err144 = {instancePath:instancePath+"/suppression/entry",schemaPath:"#/properties/suppression/properties/entry/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
}
if(data55.reason !== undefined){
let data57 = data55.reason;
if(typeof data57 === "string"){
if(func1(data57) < 1){
const err145 = {instancePath:instancePath+"/suppression/reason",schemaPath:"#/properties/suppression/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
else {
const err146 = {instancePath:instancePath+"/suppression/reason",schemaPath:"#/properties/suppression/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
if(data55.expires !== undefined){
let data58 = data55.expires;
if(typeof data58 === "string"){
if(!(formats6.validate(data58))){
const err147 = {instancePath:instancePath+"/suppression/expires",schemaPath:"#/properties/suppression/properties/expires/format",keyword:"format",params:{format: "date"},message:"must match format \""+"date"+"\""};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
else {
const err148 = {instancePath:instancePath+"/suppression/expires",schemaPath:"#/properties/suppression/properties/expires/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
}
}
else {
const err149 = {instancePath:instancePath+"/suppression",schemaPath:"#/properties/suppression/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
}
}
else {
const err150 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
validate38.errors = vErrors;
return errors === 0;
}
validate38.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://fwsift.dev/schema/report/1.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.reportSchemaVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "reportSchemaVersion"},message:"must have required property '"+"reportSchemaVersion"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.tool === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tool"},message:"must have required property '"+"tool"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.run === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "run"},message:"must have required property '"+"run"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.inputs === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "inputs"},message:"must have required property '"+"inputs"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.findings === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "findings"},message:"must have required property '"+"findings"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.summary === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "summary"},message:"must have required property '"+"summary"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "reportSchemaVersion") || (key0 === "tool")) || (key0 === "run")) || (key0 === "inputs")) || (key0 === "findings")) || (key0 === "summary"))){
const err6 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.reportSchemaVersion !== undefined){
let data0 = data.reportSchemaVersion;
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
const err7 = {instancePath:instancePath+"/reportSchemaVersion",schemaPath:"#/properties/reportSchemaVersion/pattern",keyword:"pattern",params:{pattern: "^1\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$"},message:"must match pattern \""+"^1\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$"+"\""};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/reportSchemaVersion",schemaPath:"#/properties/reportSchemaVersion/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.tool !== undefined){
let data1 = data.tool;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.name === undefined){
const err9 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data1.version === undefined){
const err10 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "name") || (key1 === "version"))){
const err11 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data1.name !== undefined){
if("fwsift" !== data1.name){
const err12 = {instancePath:instancePath+"/tool/name",schemaPath:"#/properties/tool/properties/name/const",keyword:"const",params:{allowedValue: "fwsift"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data1.version !== undefined){
let data3 = data1.version;
if(typeof data3 === "string"){
if(func1(data3) < 1){
const err13 = {instancePath:instancePath+"/tool/version",schemaPath:"#/properties/tool/properties/version/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/tool/version",schemaPath:"#/properties/tool/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/tool",schemaPath:"#/properties/tool/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.run !== undefined){
let data4 = data.run;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.startedAt === undefined){
const err16 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "startedAt"},message:"must have required property '"+"startedAt"+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data4.finishedAt === undefined){
const err17 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "finishedAt"},message:"must have required property '"+"finishedAt"+"'"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data4.options === undefined){
const err18 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "options"},message:"must have required property '"+"options"+"'"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data4.patternPacks === undefined){
const err19 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "patternPacks"},message:"must have required property '"+"patternPacks"+"'"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data4.needles === undefined){
const err20 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "needles"},message:"must have required property '"+"needles"+"'"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data4.node === undefined){
const err21 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "node"},message:"must have required property '"+"node"+"'"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data4.platform === undefined){
const err22 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/required",keyword:"required",params:{missingProperty: "platform"},message:"must have required property '"+"platform"+"'"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key2 in data4){
if(!(func2.call(schema31.properties.run.properties, key2))){
const err23 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data4.startedAt !== undefined){
let data5 = data4.startedAt;
if(typeof data5 === "string"){
if(!(formats0.validate(data5))){
const err24 = {instancePath:instancePath+"/run/startedAt",schemaPath:"#/properties/run/properties/startedAt/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/run/startedAt",schemaPath:"#/properties/run/properties/startedAt/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data4.finishedAt !== undefined){
let data6 = data4.finishedAt;
if(typeof data6 === "string"){
if(!(formats0.validate(data6))){
const err26 = {instancePath:instancePath+"/run/finishedAt",schemaPath:"#/properties/run/properties/finishedAt/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/run/finishedAt",schemaPath:"#/properties/run/properties/finishedAt/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data4.options !== undefined){
let data7 = data4.options;
if(!(data7 && typeof data7 == "object" && !Array.isArray(data7))){
const err28 = {instancePath:instancePath+"/run/options",schemaPath:"#/properties/run/properties/options/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data4.patternPacks !== undefined){
let data8 = data4.patternPacks;
if(Array.isArray(data8)){
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
let data9 = data8[i0];
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.id === undefined){
const err29 = {instancePath:instancePath+"/run/patternPacks/" + i0,schemaPath:"#/properties/run/properties/patternPacks/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data9.version === undefined){
const err30 = {instancePath:instancePath+"/run/patternPacks/" + i0,schemaPath:"#/properties/run/properties/patternPacks/items/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data9.sha256 === undefined){
const err31 = {instancePath:instancePath+"/run/patternPacks/" + i0,schemaPath:"#/properties/run/properties/patternPacks/items/required",keyword:"required",params:{missingProperty: "sha256"},message:"must have required property '"+"sha256"+"'"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data9.terms === undefined){
const err32 = {instancePath:instancePath+"/run/patternPacks/" + i0,schemaPath:"#/properties/run/properties/patternPacks/items/required",keyword:"required",params:{missingProperty: "terms"},message:"must have required property '"+"terms"+"'"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
for(const key3 in data9){
if(!((((key3 === "id") || (key3 === "version")) || (key3 === "sha256")) || (key3 === "terms"))){
const err33 = {instancePath:instancePath+"/run/patternPacks/" + i0,schemaPath:"#/properties/run/properties/patternPacks/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data9.id !== undefined){
let data10 = data9.id;
if(typeof data10 === "string"){
if(func1(data10) < 1){
const err34 = {instancePath:instancePath+"/run/patternPacks/" + i0+"/id",schemaPath:"#/properties/run/properties/patternPacks/items/properties/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/run/patternPacks/" + i0+"/id",schemaPath:"#/properties/run/properties/patternPacks/items/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data9.version !== undefined){
let data11 = data9.version;
if(typeof data11 === "string"){
if(func1(data11) < 1){
const err36 = {instancePath:instancePath+"/run/patternPacks/" + i0+"/version",schemaPath:"#/properties/run/properties/patternPacks/items/properties/version/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/run/patternPacks/" + i0+"/version",schemaPath:"#/properties/run/properties/patternPacks/items/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data9.sha256 !== undefined){
let data12 = data9.sha256;
if(typeof data12 === "string"){
if(!pattern5.test(data12)){
const err38 = {instancePath:instancePath+"/run/patternPacks/" + i0+"/sha256",schemaPath:"#/$defs/sha256/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
else {
const err39 = {instancePath:instancePath+"/run/patternPacks/" + i0+"/sha256",schemaPath:"#/$defs/sha256/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data9.terms !== undefined){
let data13 = data9.terms;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err40 = {instancePath:instancePath+"/run/patternPacks/" + i0+"/terms",schemaPath:"#/properties/run/properties/patternPacks/items/properties/terms/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 0 || isNaN(data13)){
const err41 = {instancePath:instancePath+"/run/patternPacks/" + i0+"/terms",schemaPath:"#/properties/run/properties/patternPacks/items/properties/terms/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
}
else {
const err42 = {instancePath:instancePath+"/run/patternPacks/" + i0,schemaPath:"#/properties/run/properties/patternPacks/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/run/patternPacks",schemaPath:"#/properties/run/properties/patternPacks/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data4.needles !== undefined){
let data14 = data4.needles;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err44 = {instancePath:instancePath+"/run/needles",schemaPath:"#/properties/run/properties/needles/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 0 || isNaN(data14)){
const err45 = {instancePath:instancePath+"/run/needles",schemaPath:"#/properties/run/properties/needles/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
if(data4.interrupted !== undefined){
if(true !== data4.interrupted){
const err46 = {instancePath:instancePath+"/run/interrupted",schemaPath:"#/properties/run/properties/interrupted/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data4.node !== undefined){
let data16 = data4.node;
if(typeof data16 === "string"){
if(!pattern6.test(data16)){
const err47 = {instancePath:instancePath+"/run/node",schemaPath:"#/properties/run/properties/node/pattern",keyword:"pattern",params:{pattern: "^v[0-9]+\\."},message:"must match pattern \""+"^v[0-9]+\\."+"\""};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
else {
const err48 = {instancePath:instancePath+"/run/node",schemaPath:"#/properties/run/properties/node/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data4.platform !== undefined){
let data17 = data4.platform;
if(typeof data17 === "string"){
if(func1(data17) < 1){
const err49 = {instancePath:instancePath+"/run/platform",schemaPath:"#/properties/run/properties/platform/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
else {
const err50 = {instancePath:instancePath+"/run/platform",schemaPath:"#/properties/run/properties/platform/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data4.coverage !== undefined){
let data18 = data4.coverage;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(data18.spellings === undefined){
const err51 = {instancePath:instancePath+"/run/coverage",schemaPath:"#/properties/run/properties/coverage/required",keyword:"required",params:{missingProperty: "spellings"},message:"must have required property '"+"spellings"+"'"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(data18.needles === undefined){
const err52 = {instancePath:instancePath+"/run/coverage",schemaPath:"#/properties/run/properties/coverage/required",keyword:"required",params:{missingProperty: "needles"},message:"must have required property '"+"needles"+"'"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(data18.expectedRandomHits === undefined){
const err53 = {instancePath:instancePath+"/run/coverage",schemaPath:"#/properties/run/properties/coverage/required",keyword:"required",params:{missingProperty: "expectedRandomHits"},message:"must have required property '"+"expectedRandomHits"+"'"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
for(const key4 in data18){
if(!(((key4 === "spellings") || (key4 === "needles")) || (key4 === "expectedRandomHits"))){
const err54 = {instancePath:instancePath+"/run/coverage",schemaPath:"#/properties/run/properties/coverage/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data18.spellings !== undefined){
let data19 = data18.spellings;
if(Array.isArray(data19)){
const len1 = data19.length;
for(let i1=0; i1<len1; i1++){
let data20 = data19[i1];
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
if(data20.term === undefined){
const err55 = {instancePath:instancePath+"/run/coverage/spellings/" + i1,schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/required",keyword:"required",params:{missingProperty: "term"},message:"must have required property '"+"term"+"'"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(data20.variant === undefined){
const err56 = {instancePath:instancePath+"/run/coverage/spellings/" + i1,schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/required",keyword:"required",params:{missingProperty: "variant"},message:"must have required property '"+"variant"+"'"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(data20.searched === undefined){
const err57 = {instancePath:instancePath+"/run/coverage/spellings/" + i1,schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/required",keyword:"required",params:{missingProperty: "searched"},message:"must have required property '"+"searched"+"'"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(data20.unencodable === undefined){
const err58 = {instancePath:instancePath+"/run/coverage/spellings/" + i1,schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/required",keyword:"required",params:{missingProperty: "unencodable"},message:"must have required property '"+"unencodable"+"'"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if(data20.disabled === undefined){
const err59 = {instancePath:instancePath+"/run/coverage/spellings/" + i1,schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/required",keyword:"required",params:{missingProperty: "disabled"},message:"must have required property '"+"disabled"+"'"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
for(const key5 in data20){
if(!(((((key5 === "term") || (key5 === "variant")) || (key5 === "searched")) || (key5 === "unencodable")) || (key5 === "disabled"))){
const err60 = {instancePath:instancePath+"/run/coverage/spellings/" + i1,schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data20.term !== undefined){
let data21 = data20.term;
if(typeof data21 === "string"){
if(func1(data21) < 1){
const err61 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/term",schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/properties/term/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/term",schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/properties/term/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data20.variant !== undefined){
let data22 = data20.variant;
if(typeof data22 === "string"){
if(func1(data22) < 1){
const err63 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/variant",schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/properties/variant/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
else {
const err64 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/variant",schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/properties/variant/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data20.searched !== undefined){
let data23 = data20.searched;
if(Array.isArray(data23)){
const len2 = data23.length;
for(let i2=0; i2<len2; i2++){
let data24 = data23[i2];
if(typeof data24 === "string"){
if(!pattern7.test(data24)){
const err65 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/searched/" + i2,schemaPath:"#/$defs/coverageCell/pattern",keyword:"pattern",params:{pattern: "^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$"},message:"must match pattern \""+"^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$"+"\""};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/searched/" + i2,schemaPath:"#/$defs/coverageCell/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
}
else {
const err67 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/searched",schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/properties/searched/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data20.unencodable !== undefined){
let data25 = data20.unencodable;
if(Array.isArray(data25)){
const len3 = data25.length;
for(let i3=0; i3<len3; i3++){
let data26 = data25[i3];
if(typeof data26 === "string"){
if(!pattern7.test(data26)){
const err68 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/unencodable/" + i3,schemaPath:"#/$defs/coverageCell/pattern",keyword:"pattern",params:{pattern: "^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$"},message:"must match pattern \""+"^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$"+"\""};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
else {
const err69 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/unencodable/" + i3,schemaPath:"#/$defs/coverageCell/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/unencodable",schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/properties/unencodable/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data20.disabled !== undefined){
let data27 = data20.disabled;
if(Array.isArray(data27)){
const len4 = data27.length;
for(let i4=0; i4<len4; i4++){
let data28 = data27[i4];
if(typeof data28 === "string"){
if(!pattern7.test(data28)){
const err71 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/disabled/" + i4,schemaPath:"#/$defs/coverageCell/pattern",keyword:"pattern",params:{pattern: "^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$"},message:"must match pattern \""+"^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$"+"\""};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
else {
const err72 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/disabled/" + i4,schemaPath:"#/$defs/coverageCell/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
else {
const err73 = {instancePath:instancePath+"/run/coverage/spellings/" + i1+"/disabled",schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/properties/disabled/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
}
else {
const err74 = {instancePath:instancePath+"/run/coverage/spellings/" + i1,schemaPath:"#/properties/run/properties/coverage/properties/spellings/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
else {
const err75 = {instancePath:instancePath+"/run/coverage/spellings",schemaPath:"#/properties/run/properties/coverage/properties/spellings/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data18.needles !== undefined){
let data29 = data18.needles;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
for(const key6 in data29){
const _errs69 = errors;
if(typeof key6 === "string"){
if(!pattern7.test(key6)){
const err76 = {instancePath:instancePath+"/run/coverage/needles",schemaPath:"#/$defs/coverageCell/pattern",keyword:"pattern",params:{pattern: "^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$"},message:"must match pattern \""+"^(utf-8|utf-16le|utf-16be|utf-32le|utf-32be|gb18030|big5)/(raw|json-escape|html-entity|url-percent|c-escape|base64|text-view)$"+"\"",propertyName:key6};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
else {
const err77 = {instancePath:instancePath+"/run/coverage/needles",schemaPath:"#/$defs/coverageCell/type",keyword:"type",params:{type: "string"},message:"must be string",propertyName:key6};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
var valid20 = _errs69 === errors;
if(!valid20){
const err78 = {instancePath:instancePath+"/run/coverage/needles",schemaPath:"#/properties/run/properties/coverage/properties/needles/propertyNames",keyword:"propertyNames",params:{propertyName: key6},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
for(const key7 in data29){
let data30 = data29[key7];
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err79 = {instancePath:instancePath+"/run/coverage/needles/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/run/properties/coverage/properties/needles/additionalProperties/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 < 1 || isNaN(data30)){
const err80 = {instancePath:instancePath+"/run/coverage/needles/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/run/properties/coverage/properties/needles/additionalProperties/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
}
else {
const err81 = {instancePath:instancePath+"/run/coverage/needles",schemaPath:"#/properties/run/properties/coverage/properties/needles/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data18.expectedRandomHits !== undefined){
let data31 = data18.expectedRandomHits;
if(Array.isArray(data31)){
const len5 = data31.length;
for(let i5=0; i5<len5; i5++){
let data32 = data31[i5];
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
if(data32.minBytes === undefined){
const err82 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5,schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/required",keyword:"required",params:{missingProperty: "minBytes"},message:"must have required property '"+"minBytes"+"'"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if(data32.maxBytes === undefined){
const err83 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5,schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/required",keyword:"required",params:{missingProperty: "maxBytes"},message:"must have required property '"+"maxBytes"+"'"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
if(data32.needles === undefined){
const err84 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5,schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/required",keyword:"required",params:{missingProperty: "needles"},message:"must have required property '"+"needles"+"'"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
if(data32.expected === undefined){
const err85 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5,schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/required",keyword:"required",params:{missingProperty: "expected"},message:"must have required property '"+"expected"+"'"};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
for(const key8 in data32){
if(!((((key8 === "minBytes") || (key8 === "maxBytes")) || (key8 === "needles")) || (key8 === "expected"))){
const err86 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5,schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data32.minBytes !== undefined){
let data33 = data32.minBytes;
if(!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))){
const err87 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5+"/minBytes",schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/properties/minBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if((typeof data33 == "number") && (isFinite(data33))){
if(data33 < 1 || isNaN(data33)){
const err88 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5+"/minBytes",schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/properties/minBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
}
if(data32.maxBytes !== undefined){
let data34 = data32.maxBytes;
if(!(((typeof data34 == "number") && (!(data34 % 1) && !isNaN(data34))) && (isFinite(data34)))){
const err89 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5+"/maxBytes",schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/properties/maxBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if((typeof data34 == "number") && (isFinite(data34))){
if(data34 < 1 || isNaN(data34)){
const err90 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5+"/maxBytes",schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/properties/maxBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
}
if(data32.needles !== undefined){
let data35 = data32.needles;
if(!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))){
const err91 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5+"/needles",schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/properties/needles/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if((typeof data35 == "number") && (isFinite(data35))){
if(data35 < 1 || isNaN(data35)){
const err92 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5+"/needles",schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/properties/needles/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
}
if(data32.expected !== undefined){
let data36 = data32.expected;
if((typeof data36 == "number") && (isFinite(data36))){
if(data36 < 0 || isNaN(data36)){
const err93 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5+"/expected",schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/properties/expected/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
else {
const err94 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5+"/expected",schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/properties/expected/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
}
else {
const err95 = {instancePath:instancePath+"/run/coverage/expectedRandomHits/" + i5,schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
}
else {
const err96 = {instancePath:instancePath+"/run/coverage/expectedRandomHits",schemaPath:"#/properties/run/properties/coverage/properties/expectedRandomHits/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
}
else {
const err97 = {instancePath:instancePath+"/run/coverage",schemaPath:"#/properties/run/properties/coverage/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
}
else {
const err98 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
if(data.inputs !== undefined){
let data37 = data.inputs;
if(Array.isArray(data37)){
const len6 = data37.length;
for(let i6=0; i6<len6; i6++){
if(!(validate21(data37[i6], {instancePath:instancePath+"/inputs/" + i6,parentData:data37,parentDataProperty:i6,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err99 = {instancePath:instancePath+"/inputs",schemaPath:"#/properties/inputs/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
if(data.findings !== undefined){
let data39 = data.findings;
if(Array.isArray(data39)){
const len7 = data39.length;
for(let i7=0; i7<len7; i7++){
if(!(validate38(data39[i7], {instancePath:instancePath+"/findings/" + i7,parentData:data39,parentDataProperty:i7,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
}
}
else {
const err100 = {instancePath:instancePath+"/findings",schemaPath:"#/properties/findings/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(data.summary !== undefined){
let data41 = data.summary;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
if(data41.findings === undefined){
const err101 = {instancePath:instancePath+"/summary",schemaPath:"#/properties/summary/required",keyword:"required",params:{missingProperty: "findings"},message:"must have required property '"+"findings"+"'"};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if(data41.byCategory === undefined){
const err102 = {instancePath:instancePath+"/summary",schemaPath:"#/properties/summary/required",keyword:"required",params:{missingProperty: "byCategory"},message:"must have required property '"+"byCategory"+"'"};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
if(data41.byConfidence === undefined){
const err103 = {instancePath:instancePath+"/summary",schemaPath:"#/properties/summary/required",keyword:"required",params:{missingProperty: "byConfidence"},message:"must have required property '"+"byConfidence"+"'"};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
if(data41.bytesScanned === undefined){
const err104 = {instancePath:instancePath+"/summary",schemaPath:"#/properties/summary/required",keyword:"required",params:{missingProperty: "bytesScanned"},message:"must have required property '"+"bytesScanned"+"'"};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
if(data41.objects === undefined){
const err105 = {instancePath:instancePath+"/summary",schemaPath:"#/properties/summary/required",keyword:"required",params:{missingProperty: "objects"},message:"must have required property '"+"objects"+"'"};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
if(data41.durationMs === undefined){
const err106 = {instancePath:instancePath+"/summary",schemaPath:"#/properties/summary/required",keyword:"required",params:{missingProperty: "durationMs"},message:"must have required property '"+"durationMs"+"'"};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if(data41.partialInputs === undefined){
const err107 = {instancePath:instancePath+"/summary",schemaPath:"#/properties/summary/required",keyword:"required",params:{missingProperty: "partialInputs"},message:"must have required property '"+"partialInputs"+"'"};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
for(const key9 in data41){
if(!(func2.call(schema31.properties.summary.properties, key9))){
const err108 = {instancePath:instancePath+"/summary",schemaPath:"#/properties/summary/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
if(data41.findings !== undefined){
let data42 = data41.findings;
if(!(((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42))) && (isFinite(data42)))){
const err109 = {instancePath:instancePath+"/summary/findings",schemaPath:"#/properties/summary/properties/findings/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
if((typeof data42 == "number") && (isFinite(data42))){
if(data42 < 0 || isNaN(data42)){
const err110 = {instancePath:instancePath+"/summary/findings",schemaPath:"#/properties/summary/properties/findings/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
}
if(data41.byCategory !== undefined){
let data43 = data41.byCategory;
if(data43 && typeof data43 == "object" && !Array.isArray(data43)){
if(data43.ethnicity === undefined){
const err111 = {instancePath:instancePath+"/summary/byCategory",schemaPath:"#/properties/summary/properties/byCategory/required",keyword:"required",params:{missingProperty: "ethnicity"},message:"must have required property '"+"ethnicity"+"'"};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
if(data43.race === undefined){
const err112 = {instancePath:instancePath+"/summary/byCategory",schemaPath:"#/properties/summary/properties/byCategory/required",keyword:"required",params:{missingProperty: "race"},message:"must have required property '"+"race"+"'"};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
if(data43["skin-colour"] === undefined){
const err113 = {instancePath:instancePath+"/summary/byCategory",schemaPath:"#/properties/summary/properties/byCategory/required",keyword:"required",params:{missingProperty: "skin-colour"},message:"must have required property '"+"skin-colour"+"'"};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
if(data43["region-targeting"] === undefined){
const err114 = {instancePath:instancePath+"/summary/byCategory",schemaPath:"#/properties/summary/properties/byCategory/required",keyword:"required",params:{missingProperty: "region-targeting"},message:"must have required property '"+"region-targeting"+"'"};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
if(data43["minority-alert"] === undefined){
const err115 = {instancePath:instancePath+"/summary/byCategory",schemaPath:"#/properties/summary/properties/byCategory/required",keyword:"required",params:{missingProperty: "minority-alert"},message:"must have required property '"+"minority-alert"+"'"};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
for(const key10 in data43){
if(!(((((key10 === "ethnicity") || (key10 === "race")) || (key10 === "skin-colour")) || (key10 === "region-targeting")) || (key10 === "minority-alert"))){
const err116 = {instancePath:instancePath+"/summary/byCategory",schemaPath:"#/properties/summary/properties/byCategory/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
if(data43.ethnicity !== undefined){
let data44 = data43.ethnicity;
if(!(((typeof data44 == "number") && (!(data44 % 1) && !isNaN(data44))) && (isFinite(data44)))){
const err117 = {instancePath:instancePath+"/summary/byCategory/ethnicity",schemaPath:"#/properties/summary/properties/byCategory/properties/ethnicity/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
if((typeof data44 == "number") && (isFinite(data44))){
if(data44 < 0 || isNaN(data44)){
const err118 = {instancePath:instancePath+"/summary/byCategory/ethnicity",schemaPath:"#/properties/summary/properties/byCategory/properties/ethnicity/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
}
if(data43.race !== undefined){
let data45 = data43.race;
if(!(((typeof data45 == "number") && (!(data45 % 1) && !isNaN(data45))) && (isFinite(data45)))){
const err119 = {instancePath:instancePath+"/summary/byCategory/race",schemaPath:"#/properties/summary/properties/byCategory/properties/race/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
if((typeof data45 == "number") && (isFinite(data45))){
if(data45 < 0 || isNaN(data45)){
const err120 = {instancePath:instancePath+"/summary/byCategory/race",schemaPath:"#/properties/summary/properties/byCategory/properties/race/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
}
if(data43["skin-colour"] !== undefined){
let data46 = data43["skin-colour"];
if(!(((typeof data46 == "number") && (!(data46 % 1) && !isNaN(data46))) && (isFinite(data46)))){
const err121 = {instancePath:instancePath+"/summary/byCategory/skin-colour",schemaPath:"#/properties/summary/properties/byCategory/properties/skin-colour/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
if((typeof data46 == "number") && (isFinite(data46))){
if(data46 < 0 || isNaN(data46)){
const err122 = {instancePath:instancePath+"/summary/byCategory/skin-colour",schemaPath:"#/properties/summary/properties/byCategory/properties/skin-colour/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
}
if(data43["region-targeting"] !== undefined){
let data47 = data43["region-targeting"];
if(!(((typeof data47 == "number") && (!(data47 % 1) && !isNaN(data47))) && (isFinite(data47)))){
const err123 = {instancePath:instancePath+"/summary/byCategory/region-targeting",schemaPath:"#/properties/summary/properties/byCategory/properties/region-targeting/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
if((typeof data47 == "number") && (isFinite(data47))){
if(data47 < 0 || isNaN(data47)){
const err124 = {instancePath:instancePath+"/summary/byCategory/region-targeting",schemaPath:"#/properties/summary/properties/byCategory/properties/region-targeting/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
}
if(data43["minority-alert"] !== undefined){
let data48 = data43["minority-alert"];
if(!(((typeof data48 == "number") && (!(data48 % 1) && !isNaN(data48))) && (isFinite(data48)))){
const err125 = {instancePath:instancePath+"/summary/byCategory/minority-alert",schemaPath:"#/properties/summary/properties/byCategory/properties/minority-alert/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
if((typeof data48 == "number") && (isFinite(data48))){
if(data48 < 0 || isNaN(data48)){
const err126 = {instancePath:instancePath+"/summary/byCategory/minority-alert",schemaPath:"#/properties/summary/properties/byCategory/properties/minority-alert/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
}
}
else {
const err127 = {instancePath:instancePath+"/summary/byCategory",schemaPath:"#/properties/summary/properties/byCategory/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data41.byConfidence !== undefined){
let data49 = data41.byConfidence;
if(data49 && typeof data49 == "object" && !Array.isArray(data49)){
if(data49.high === undefined){
const err128 = {instancePath:instancePath+"/summary/byConfidence",schemaPath:"#/properties/summary/properties/byConfidence/required",keyword:"required",params:{missingProperty: "high"},message:"must have required property '"+"high"+"'"};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
if(data49.medium === undefined){
const err129 = {instancePath:instancePath+"/summary/byConfidence",schemaPath:"#/properties/summary/properties/byConfidence/required",keyword:"required",params:{missingProperty: "medium"},message:"must have required property '"+"medium"+"'"};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
if(data49.low === undefined){
const err130 = {instancePath:instancePath+"/summary/byConfidence",schemaPath:"#/properties/summary/properties/byConfidence/required",keyword:"required",params:{missingProperty: "low"},message:"must have required property '"+"low"+"'"};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
for(const key11 in data49){
if(!(((key11 === "high") || (key11 === "medium")) || (key11 === "low"))){
const err131 = {instancePath:instancePath+"/summary/byConfidence",schemaPath:"#/properties/summary/properties/byConfidence/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
if(data49.high !== undefined){
let data50 = data49.high;
if(!(((typeof data50 == "number") && (!(data50 % 1) && !isNaN(data50))) && (isFinite(data50)))){
const err132 = {instancePath:instancePath+"/summary/byConfidence/high",schemaPath:"#/properties/summary/properties/byConfidence/properties/high/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
if((typeof data50 == "number") && (isFinite(data50))){
if(data50 < 0 || isNaN(data50)){
const err133 = {instancePath:instancePath+"/summary/byConfidence/high",schemaPath:"#/properties/summary/properties/byConfidence/properties/high/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
}
if(data49.medium !== undefined){
let data51 = data49.medium;
if(!(((typeof data51 == "number") && (!(data51 % 1) && !isNaN(data51))) && (isFinite(data51)))){
const err134 = {instancePath:instancePath+"/summary/byConfidence/medium",schemaPath:"#/properties/summary/properties/byConfidence/properties/medium/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
if((typeof data51 == "number") && (isFinite(data51))){
if(data51 < 0 || isNaN(data51)){
const err135 = {instancePath:instancePath+"/summary/byConfidence/medium",schemaPath:"#/properties/summary/properties/byConfidence/properties/medium/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
}
if(data49.low !== undefined){
let data52 = data49.low;
if(!(((typeof data52 == "number") && (!(data52 % 1) && !isNaN(data52))) && (isFinite(data52)))){
const err136 = {instancePath:instancePath+"/summary/byConfidence/low",schemaPath:"#/properties/summary/properties/byConfidence/properties/low/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
if((typeof data52 == "number") && (isFinite(data52))){
if(data52 < 0 || isNaN(data52)){
const err137 = {instancePath:instancePath+"/summary/byConfidence/low",schemaPath:"#/properties/summary/properties/byConfidence/properties/low/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
}
}
else {
const err138 = {instancePath:instancePath+"/summary/byConfidence",schemaPath:"#/properties/summary/properties/byConfidence/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
if(data41.bytesScanned !== undefined){
let data53 = data41.bytesScanned;
if(!(((typeof data53 == "number") && (!(data53 % 1) && !isNaN(data53))) && (isFinite(data53)))){
const err139 = {instancePath:instancePath+"/summary/bytesScanned",schemaPath:"#/properties/summary/properties/bytesScanned/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
if((typeof data53 == "number") && (isFinite(data53))){
if(data53 < 0 || isNaN(data53)){
const err140 = {instancePath:instancePath+"/summary/bytesScanned",schemaPath:"#/properties/summary/properties/bytesScanned/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
}
if(data41.objects !== undefined){
let data54 = data41.objects;
if(!(((typeof data54 == "number") && (!(data54 % 1) && !isNaN(data54))) && (isFinite(data54)))){
const err141 = {instancePath:instancePath+"/summary/objects",schemaPath:"#/properties/summary/properties/objects/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
if((typeof data54 == "number") && (isFinite(data54))){
if(data54 < 0 || isNaN(data54)){
const err142 = {instancePath:instancePath+"/summary/objects",schemaPath:"#/properties/summary/properties/objects/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
}
}
if(data41.durationMs !== undefined){
let data55 = data41.durationMs;
if((typeof data55 == "number") && (isFinite(data55))){
if(data55 < 0 || isNaN(data55)){
const err143 = {instancePath:instancePath+"/summary/durationMs",schemaPath:"#/properties/summary/properties/durationMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
}
else {
const err144 = {instancePath:instancePath+"/summary/durationMs",schemaPath:"#/properties/summary/properties/durationMs/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
}
if(data41.partialInputs !== undefined){
let data56 = data41.partialInputs;
if(!(((typeof data56 == "number") && (!(data56 % 1) && !isNaN(data56))) && (isFinite(data56)))){
const err145 = {instancePath:instancePath+"/summary/partialInputs",schemaPath:"#/properties/summary/properties/partialInputs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
if((typeof data56 == "number") && (isFinite(data56))){
if(data56 < 0 || isNaN(data56)){
const err146 = {instancePath:instancePath+"/summary/partialInputs",schemaPath:"#/properties/summary/properties/partialInputs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
}
if(data41.baseline !== undefined){
let data57 = data41.baseline;
if(data57 && typeof data57 == "object" && !Array.isArray(data57)){
if(data57.new === undefined){
const err147 = {instancePath:instancePath+"/summary/baseline",schemaPath:"#/properties/summary/properties/baseline/required",keyword:"required",params:{missingProperty: "new"},message:"must have required property '"+"new"+"'"};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
if(data57.unchanged === undefined){
const err148 = {instancePath:instancePath+"/summary/baseline",schemaPath:"#/properties/summary/properties/baseline/required",keyword:"required",params:{missingProperty: "unchanged"},message:"must have required property '"+"unchanged"+"'"};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
if(data57.absent === undefined){
const err149 = {instancePath:instancePath+"/summary/baseline",schemaPath:"#/properties/summary/properties/baseline/required",keyword:"required",params:{missingProperty: "absent"},message:"must have required property '"+"absent"+"'"};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
for(const key12 in data57){
if(!(((key12 === "new") || (key12 === "unchanged")) || (key12 === "absent"))){
const err150 = {instancePath:instancePath+"/summary/baseline",schemaPath:"#/properties/summary/properties/baseline/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
}
if(data57.new !== undefined){
let data58 = data57.new;
if(!(((typeof data58 == "number") && (!(data58 % 1) && !isNaN(data58))) && (isFinite(data58)))){
const err151 = {instancePath:instancePath+"/summary/baseline/new",schemaPath:"#/properties/summary/properties/baseline/properties/new/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
if((typeof data58 == "number") && (isFinite(data58))){
if(data58 < 0 || isNaN(data58)){
const err152 = {instancePath:instancePath+"/summary/baseline/new",schemaPath:"#/properties/summary/properties/baseline/properties/new/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
}
if(data57.unchanged !== undefined){
let data59 = data57.unchanged;
if(!(((typeof data59 == "number") && (!(data59 % 1) && !isNaN(data59))) && (isFinite(data59)))){
const err153 = {instancePath:instancePath+"/summary/baseline/unchanged",schemaPath:"#/properties/summary/properties/baseline/properties/unchanged/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
if((typeof data59 == "number") && (isFinite(data59))){
if(data59 < 0 || isNaN(data59)){
const err154 = {instancePath:instancePath+"/summary/baseline/unchanged",schemaPath:"#/properties/summary/properties/baseline/properties/unchanged/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
}
}
if(data57.absent !== undefined){
let data60 = data57.absent;
if(Array.isArray(data60)){
const len8 = data60.length;
for(let i8=0; i8<len8; i8++){
let data61 = data60[i8];
if(data61 && typeof data61 == "object" && !Array.isArray(data61)){
if(data61.id === undefined){
const err155 = {instancePath:instancePath+"/summary/baseline/absent/" + i8,schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
if(data61.termId === undefined){
const err156 = {instancePath:instancePath+"/summary/baseline/absent/" + i8,schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/required",keyword:"required",params:{missingProperty: "termId"},message:"must have required property '"+"termId"+"'"};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
if(data61.termText === undefined){
const err157 = {instancePath:instancePath+"/summary/baseline/absent/" + i8,schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/required",keyword:"required",params:{missingProperty: "termText"},message:"must have required property '"+"termText"+"'"};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
if(data61.confidence === undefined){
const err158 = {instancePath:instancePath+"/summary/baseline/absent/" + i8,schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/required",keyword:"required",params:{missingProperty: "confidence"},message:"must have required property '"+"confidence"+"'"};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
if(data61.input === undefined){
const err159 = {instancePath:instancePath+"/summary/baseline/absent/" + i8,schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/required",keyword:"required",params:{missingProperty: "input"},message:"must have required property '"+"input"+"'"};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
if(data61.chain === undefined){
const err160 = {instancePath:instancePath+"/summary/baseline/absent/" + i8,schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/required",keyword:"required",params:{missingProperty: "chain"},message:"must have required property '"+"chain"+"'"};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
for(const key13 in data61){
if(!((((((key13 === "id") || (key13 === "termId")) || (key13 === "termText")) || (key13 === "confidence")) || (key13 === "input")) || (key13 === "chain"))){
const err161 = {instancePath:instancePath+"/summary/baseline/absent/" + i8,schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
if(data61.id !== undefined){
let data62 = data61.id;
if(typeof data62 === "string"){
if(!pattern14.test(data62)){
const err162 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/id",schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/properties/id/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{32}$"},message:"must match pattern \""+"^[0-9a-f]{32}$"+"\""};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
}
else {
const err163 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/id",schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
if(data61.termId !== undefined){
let data63 = data61.termId;
if(typeof data63 === "string"){
if(func1(data63) < 1){
const err164 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/termId",schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/properties/termId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
}
else {
const err165 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/termId",schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/properties/termId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
}
if(data61.termText !== undefined){
let data64 = data61.termText;
if(typeof data64 === "string"){
if(func1(data64) < 1){
const err166 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/termText",schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/properties/termText/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
}
else {
const err167 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/termText",schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/properties/termText/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
}
if(data61.confidence !== undefined){
let data65 = data61.confidence;
if(!(((data65 === "high") || (data65 === "medium")) || (data65 === "low"))){
const err168 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/confidence",schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/properties/confidence/enum",keyword:"enum",params:{allowedValues: schema31.properties.summary.properties.baseline.properties.absent.items.properties.confidence.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
}
if(data61.input !== undefined){
let data66 = data61.input;
const _errs150 = errors;
let valid38 = false;
let passing0 = null;
const _errs151 = errors;
if(typeof data66 !== "string"){
const err169 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/input",schemaPath:"#/$defs/losslessText/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
var _valid0 = _errs151 === errors;
if(_valid0){
valid38 = true;
passing0 = 0;
}
const _errs153 = errors;
if(data66 && typeof data66 == "object" && !Array.isArray(data66)){
if(data66.base64 === undefined){
const err170 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/input",schemaPath:"#/$defs/losslessText/oneOf/1/required",keyword:"required",params:{missingProperty: "base64"},message:"must have required property '"+"base64"+"'"};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
for(const key14 in data66){
if(!(key14 === "base64")){
const err171 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/input",schemaPath:"#/$defs/losslessText/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
}
if(data66.base64 !== undefined){
let data67 = data66.base64;
if(typeof data67 === "string"){
if(!pattern11.test(data67)){
const err172 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/input/base64",schemaPath:"#/$defs/losslessText/oneOf/1/properties/base64/pattern",keyword:"pattern",params:{pattern: "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"},message:"must match pattern \""+"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"+"\""};
if(vErrors === null){
vErrors = [err172];
}
else {
vErrors.push(err172);
}
errors++;
}
}
else {
const err173 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/input/base64",schemaPath:"#/$defs/losslessText/oneOf/1/properties/base64/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err173];
}
else {
vErrors.push(err173);
}
errors++;
}
}
}
else {
const err174 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/input",schemaPath:"#/$defs/losslessText/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err174];
}
else {
vErrors.push(err174);
}
errors++;
}
var _valid0 = _errs153 === errors;
if(_valid0 && valid38){
valid38 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid38 = true;
passing0 = 1;
}
}
if(!valid38){
const err175 = {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/input",schemaPath:"#/$defs/losslessText/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err175];
}
else {
vErrors.push(err175);
}
errors++;
}
else {
errors = _errs150;
if(vErrors !== null){
if(_errs150){
vErrors.length = _errs150;
}
else {
vErrors = null;
}
}
}
}
if(data61.chain !== undefined){
if(!(validate23(data61.chain, {instancePath:instancePath+"/summary/baseline/absent/" + i8+"/chain",parentData:data61,parentDataProperty:"chain",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
}
else {
const err176 = {instancePath:instancePath+"/summary/baseline/absent/" + i8,schemaPath:"#/properties/summary/properties/baseline/properties/absent/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err176];
}
else {
vErrors.push(err176);
}
errors++;
}
}
}
else {
const err177 = {instancePath:instancePath+"/summary/baseline/absent",schemaPath:"#/properties/summary/properties/baseline/properties/absent/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err177];
}
else {
vErrors.push(err177);
}
errors++;
}
}
}
else {
const err178 = {instancePath:instancePath+"/summary/baseline",schemaPath:"#/properties/summary/properties/baseline/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err178];
}
else {
vErrors.push(err178);
}
errors++;
}
}
if(data41.ignore !== undefined){
let data69 = data41.ignore;
if(data69 && typeof data69 == "object" && !Array.isArray(data69)){
if(data69.suppressed === undefined){
const err179 = {instancePath:instancePath+"/summary/ignore",schemaPath:"#/properties/summary/properties/ignore/required",keyword:"required",params:{missingProperty: "suppressed"},message:"must have required property '"+"suppressed"+"'"};
if(vErrors === null){
vErrors = [err179];
}
else {
vErrors.push(err179);
}
errors++;
}
if(data69.unused === undefined){
const err180 = {instancePath:instancePath+"/summary/ignore",schemaPath:"#/properties/summary/properties/ignore/required",keyword:"required",params:{missingProperty: "unused"},message:"must have required property '"+"unused"+"'"};
if(vErrors === null){
vErrors = [err180];
}
else {
vErrors.push(err180);
}
errors++;
}
for(const key15 in data69){
if(!((key15 === "suppressed") || (key15 === "unused"))){
const err181 = {instancePath:instancePath+"/summary/ignore",schemaPath:"#/properties/summary/properties/ignore/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err181];
}
else {
vErrors.push(err181);
}
errors++;
}
}
if(data69.suppressed !== undefined){
let data70 = data69.suppressed;
if(!(((typeof data70 == "number") && (!(data70 % 1) && !isNaN(data70))) && (isFinite(data70)))){
const err182 = {instancePath:instancePath+"/summary/ignore/suppressed",schemaPath:"#/properties/summary/properties/ignore/properties/suppressed/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err182];
}
else {
vErrors.push(err182);
}
errors++;
}
if((typeof data70 == "number") && (isFinite(data70))){
if(data70 < 0 || isNaN(data70)){
const err183 = {instancePath:instancePath+"/summary/ignore/suppressed",schemaPath:"#/properties/summary/properties/ignore/properties/suppressed/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err183];
}
else {
vErrors.push(err183);
}
errors++;
}
}
}
if(data69.unused !== undefined){
let data71 = data69.unused;
if(Array.isArray(data71)){
const len9 = data71.length;
for(let i9=0; i9<len9; i9++){
let data72 = data71[i9];
if(data72 && typeof data72 == "object" && !Array.isArray(data72)){
if(data72.entry === undefined){
const err184 = {instancePath:instancePath+"/summary/ignore/unused/" + i9,schemaPath:"#/properties/summary/properties/ignore/properties/unused/items/required",keyword:"required",params:{missingProperty: "entry"},message:"must have required property '"+"entry"+"'"};
if(vErrors === null){
vErrors = [err184];
}
else {
vErrors.push(err184);
}
errors++;
}
if(data72.reason === undefined){
const err185 = {instancePath:instancePath+"/summary/ignore/unused/" + i9,schemaPath:"#/properties/summary/properties/ignore/properties/unused/items/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'"};
if(vErrors === null){
vErrors = [err185];
}
else {
vErrors.push(err185);
}
errors++;
}
if(data72.expired === undefined){
const err186 = {instancePath:instancePath+"/summary/ignore/unused/" + i9,schemaPath:"#/properties/summary/properties/ignore/properties/unused/items/required",keyword:"required",params:{missingProperty: "expired"},message:"must have required property '"+"expired"+"'"};
if(vErrors === null){
vErrors = [err186];
}
else {
vErrors.push(err186);
}
errors++;
}
for(const key16 in data72){
if(!(((key16 === "entry") || (key16 === "reason")) || (key16 === "expired"))){
const err187 = {instancePath:instancePath+"/summary/ignore/unused/" + i9,schemaPath:"#/properties/summary/properties/ignore/properties/unused/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key16},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err187];
}
else {
vErrors.push(err187);
}
errors++;
}
}
if(data72.entry !== undefined){
let data73 = data72.entry;
if(typeof data73 === "string"){
if(func1(data73) < 1){
const err188 = {instancePath:instancePath+"/summary/ignore/unused/" + i9+"/entry",schemaPath:"#/properties/summary/properties/ignore/properties/unused/items/properties/entry/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err188];
}
else {
vErrors.push(err188);
}
errors++;
}
}
else {
const err189 = {instancePath:instancePath+"/summary/ignore/unused/" + i9+"/entry",schemaPath:"#/properties/summary/properties/ignore/properties/unused/items/properties/entry/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err189];
}
else {
vErrors.push(err189);
}
errors++;
}
}
if(data72.reason !== undefined){
let data74 = data72.reason;
if(typeof data74 === "string"){
if(func1(data74) < 1){
const err190 = {instancePath:instancePath+"/summary/ignore/unused/" + i9+"/reason",schemaPath:"#/properties/summary/properties/ignore/properties/unused/items/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err190];
}
else {
vErrors.push(err190);
}
errors++;
}
}
else {
const err191 = {instancePath:instancePath+"/summary/ignore/unused/" + i9+"/reason",schemaPath:"#/properties/summary/properties/ignore/properties/unused/items/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err191];
}
else {
vErrors.push(err191);
}
errors++;
}
}
if(data72.expired !== undefined){
if(typeof data72.expired !== "boolean"){
const err192 = {instancePath:instancePath+"/summary/ignore/unused/" + i9+"/expired",schemaPath:"#/properties/summary/properties/ignore/properties/unused/items/properties/expired/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err192];
}
else {
vErrors.push(err192);
}
errors++;
}
}
}
else {
const err193 = {instancePath:instancePath+"/summary/ignore/unused/" + i9,schemaPath:"#/properties/summary/properties/ignore/properties/unused/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err193];
}
else {
vErrors.push(err193);
}
errors++;
}
}
}
else {
const err194 = {instancePath:instancePath+"/summary/ignore/unused",schemaPath:"#/properties/summary/properties/ignore/properties/unused/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err194];
}
else {
vErrors.push(err194);
}
errors++;
}
}
}
else {
const err195 = {instancePath:instancePath+"/summary/ignore",schemaPath:"#/properties/summary/properties/ignore/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err195];
}
else {
vErrors.push(err195);
}
errors++;
}
}
}
else {
const err196 = {instancePath:instancePath+"/summary",schemaPath:"#/properties/summary/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err196];
}
else {
vErrors.push(err196);
}
errors++;
}
}
}
else {
const err197 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err197];
}
else {
vErrors.push(err197);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};
