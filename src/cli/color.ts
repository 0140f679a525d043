/**
 * Whether to colour the terminal summary: never when `NO_COLOR` is set to anything non-empty
 * (https://no-color.org), always when `FORCE_COLOR` is set and not `0`, otherwise only on a
 * terminal that is not `TERM=dumb`. Reports written to files never carry colour.
 */
export function useColor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return stream.isTTY === true && env.TERM !== 'dumb';
}
