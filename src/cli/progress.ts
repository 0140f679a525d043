/**
 * A one-line progress bar on standard error, drawn only on a terminal: bytes of the inputs
 * read (the bar), bytes searched including everything decompressed or extracted, objects opened, the read rate and an ETA from it, and the innermost
 * object being read. Redrawn at most every 100 ms; cleared at the end so the summary starts on
 * a clean line.
 */
import type { ScanProgress } from '../index.js';

const redrawMs = 100;
const barWidth = 20;
/** Rate and ETA appear once this much time has passed: earlier figures swing wildly. */
const settleMs = 1000;

export interface ProgressBar {
  readonly update: (progress: ScanProgress) => void;
  finish(): void;
}

export function createProgressBar(stream: NodeJS.WriteStream, now: () => number = Date.now): ProgressBar {
  const started = now();
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(progress) {
      const time = now();
      if (time - last < redrawMs) return;
      last = time;
      drawn = true;
      stream.write(`\r\u001b[2K${progressLine(progress, stream.columns ?? 80, time - started)}`);
    },
    finish() {
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}

/** The bar's text for a terminal `columns` wide, `elapsedMs` after the scan started (pure, for tests). */
export function progressLine(progress: ScanProgress, columns: number, elapsedMs: number): string {
  const fraction = progress.bytesTotal === 0 ? 1 : Math.min(1, progress.bytesDone / progress.bytesTotal);
  const filled = Math.round(fraction * barWidth);
  const parts = [
    `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${size(progress.bytesDone)}/${size(progress.bytesTotal)} read`,
    ...(progress.bytesExpanded === undefined ? [] : [`${size(progress.bytesExpanded)} scanned`]),
    `input ${Math.min(progress.inputsDone + 1, progress.inputsTotal)}/${progress.inputsTotal}`,
    `${progress.objects} object${progress.objects === 1 ? '' : 's'}`,
  ];
  if (elapsedMs >= settleMs && progress.bytesDone > 0) {
    const rate = progress.bytesDone / (elapsedMs / 1000);
    parts.push(`${size(rate)}/s`, `ETA ${duration((progress.bytesTotal - progress.bytesDone) / rate)}`);
  }
  const head = `${parts.join(' · ')} · `;
  const room = Math.max(8, columns - head.length - 1);
  const current = progress.current.replace(/[\u0000-\u001f\u007f-\u009f]/g, '·');
  return head + (current.length > room ? `…${current.slice(current.length - room + 1)}` : current);
}

function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  return bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** `0:07`, `12:30`, `1:02:03`. */
function duration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}
