// The bench corpus (deterministic, mulberry32 PRNG with a fixed seed): random bytes, ELF-like
// string tables, UTF-16LE text, GBK text, zero/0xFF padding, and every `plantEveryBytes` one
// needle of the shipped packs planted in its natural host (raw bytes, escapes inside a string
// literal, base64 at its phase). Shared by bench/run.js and bench/matcher.js.
import { closeSync, openSync, writeSync } from 'node:fs';
import { base64Phase } from '../dist/patterns/escapes.js';
import { encodeText } from '../dist/patterns/needles.js';

export const seed = 0x5eed_f00d;
/** One planted needle per this many bytes of corpus. */
export const plantEveryBytes = 192 * 1024;

function mulberry32(state) {
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const syllables = ['net', 'dev', 'cfg', 'get', 'set', 'info', 'type', 'em', 'face', 'alarm', 'video', 'chan', 'ptz', 'user', 'log', 'trace', 'stack', 'print', 'nation', 'race', 'color', 'skin', 'attr', 'time', 'rule', 'mode', 'event', 'plate', 'car', 'sex', 'age', 'mask'];
const commonHanzi = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';

function wordOf(random) {
  const n = 1 + (random() % 3);
  let word = '';
  for (let i = 0; i < n; i++) {
    const s = syllables[random() % syllables.length];
    word += i === 0 && random() % 2 === 0 ? s.toUpperCase() : s[0].toUpperCase() + s.slice(1);
    if (random() % 4 === 0) word += '_';
  }
  return word;
}

function segment(random, kind, length) {
  const out = new Uint8Array(length);
  switch (kind) {
    case 'random':
      for (let i = 0; i < length; i++) out[i] = random() & 0xff;
      return out;
    case 'padding':
      out.fill(random() % 2 === 0 ? 0 : 0xff);
      return out;
    case 'elf-strings': {
      // An ELF-like header, then a NUL-separated string table of identifier-ish words.
      out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
      let at = 64;
      while (at < length) {
        const word = Buffer.from(wordOf(random), 'latin1');
        if (at + word.length + 1 > length) break;
        out.set(word, at);
        at += word.length + 1;
      }
      return out;
    }
    case 'utf16le': {
      let text = '';
      while (text.length * 2 < length) text += random() % 3 === 0 ? `${wordOf(random)} ` : commonHanzi[random() % commonHanzi.length];
      out.set(Buffer.from(text, 'utf16le').subarray(0, length));
      return out;
    }
    case 'gbk': {
      let at = 0;
      while (at + 2 <= length) {
        if (random() % 10 === 0) {
          out[at++] = 0x20 + (random() % 0x5f);
        } else {
          out[at++] = 0xb0 + (random() % 0x48);
          out[at++] = 0xa1 + (random() % 0x5e);
        }
      }
      return out;
    }
  }
  throw new Error(kind);
}

const segmentKinds = ['random', 'random', 'random', 'elf-strings', 'elf-strings', 'utf16le', 'gbk', 'gbk', 'padding'];

/** The needle in its natural host: raw bytes amid text of its encoding, escapes in a string literal, base64 at its phase. */
function plantBytes(needle) {
  // A JNI spelling (EM_1RACE_1TYPE) is a hit only as a whole name inside a Java_ symbol.
  if (needle.jni === true) {
    const prefix = Buffer.from(' Java_com_vendor_sdk_FaceAttr_', 'latin1');
    return { bytes: Buffer.concat([prefix, needle.bytes, Buffer.from('\0', 'latin1')]), at: prefix.length };
  }
  if (needle.syntax === 'raw') {
    const text = (t) => encodeText(t, needle.encoding) ?? new Uint8Array(0);
    return { bytes: Buffer.concat([text(' attr: '), needle.bytes, text(';\n')]), at: text(' attr: ').length };
  }
  if (needle.form === 'base64') {
    const phase = base64Phase(needle.syntax);
    const data = Buffer.concat([Buffer.alloc(3 + phase, 0x20), needle.encoded, Buffer.from('  x')]);
    const host = Buffer.from(`"${data.toString('base64')}"`, 'latin1');
    return { bytes: host, at: host.indexOf(Buffer.from(needle.bytes)) };
  }
  return { bytes: Buffer.concat([Buffer.from(' "', 'latin1'), needle.bytes, Buffer.from('";', 'latin1')]), at: 2 };
}

/** Writes `size` bytes to `path`; returns the planted needles as `{ id, start }`. */
export function generateCorpus(path, size, needles) {
  const random = mulberry32(seed);
  const fd = openSync(path, 'w', 0o600);
  const planted = [];
  let written = 0;
  let nextPlant = plantEveryBytes;
  try {
    while (written < size) {
      const kind = segmentKinds[random() % segmentKinds.length];
      let bytes = segment(random, kind, Math.min(size - written, 4096 + (random() % (60 * 1024))));
      if (written + bytes.length >= nextPlant && bytes.length > 512) {
        const needle = needles[random() % needles.length];
        const host = plantBytes(needle);
        const at = 128 + (random() % (bytes.length - host.bytes.length - 256));
        if (at > 0) {
          bytes = Buffer.from(bytes);
          bytes.set(host.bytes, at);
          planted.push({ id: needle.id, start: written + at + host.at });
        }
        nextPlant += plantEveryBytes;
      }
      writeSync(fd, bytes);
      written += bytes.length;
    }
  } finally {
    closeSync(fd);
  }
  return planted;
}
