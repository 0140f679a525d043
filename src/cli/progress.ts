/**
 * A one-line progress bar on standard error, drawn only on a terminal: bytes of the inputs
 * read, objects opened and the object being read. Redrawn at most every 100 ms; cleared at
 * the end so the summary starts on a clean line.
 */
import type { ScanProgress } from '../index.js';

const redrawMs = 100;
const barWidth = 24;

export interface ProgressBar {
  readonly update: (progress: ScanProgress) => void;
  finish(): void;
}

export function createProgressBar(stream: NodeJS.WriteStream, now: () => number = Date.now): ProgressBar {
  let last = 0;
  let drawn = false;
  return {
    update(progress) {
      const time = now();
      if (time - last < redrawMs) return;
      last = time;
      drawn = true;
      stream.write(`\r\u001b[2K${progressLine(progress, stream.columns ?? 80)}`);
    },
    finish() {
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}

/** The bar's text for a terminal `columns` wide (pure, for tests). */
export function progressLine(progress: ScanProgress, columns: number): string {
  const fraction = progress.bytesTotal === 0 ? 1 : Math.min(1, progress.bytesDone / progress.bytesTotal);
  const filled = Math.round(fraction * barWidth);
  const head = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${mebibytes(progress.bytesDone)}/${mebibytes(progress.bytesTotal)} · input ${Math.min(progress.inputsDone + 1, progress.inputsTotal)}/${progress.inputsTotal} · ${progress.objects} objects · `;
  const room = Math.max(8, columns - head.length - 1);
  const current = progress.current.replace(/[\u0000-\u001f\u007f-\u009f]/g, '·');
  return head + (current.length > room ? `…${current.slice(current.length - room + 1)}` : current);
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
