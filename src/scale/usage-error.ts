/** Something the user must fix (a bad --redis URL, an unusable --cache directory, a queue in the wrong state): printed, exit 2. */
export class ScaleUsageError extends Error {
  override readonly name = 'ScaleUsageError';
}
