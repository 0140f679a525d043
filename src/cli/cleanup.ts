/**
 * Temporary files the CLI made (standard input spooled to disk, a report being written) are
 * removed on every way out: normal return, an error, a broken pipe's `process.exit`, and a
 * second Ctrl-C. Cleanups are synchronous because `process.on('exit')` cannot wait.
 */
const cleanups = new Set<() => void>();
let installed = false;

/** Registers `cleanup` to run once at exit (or at `runCleanups`); returns a function that unregisters it. */
export function registerCleanup(cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', runCleanups);
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Runs and forgets every registered cleanup; a failing one does not stop the others. */
export function runCleanups(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Best effort: the file may already be gone.
    }
  }
}
