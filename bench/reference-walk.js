// The matcher before lanes (one walk, one match at a time), kept as the bench's reference: the
// bench times it next to the shipped searcher and checks that both give the same candidates,
// byte for byte, on the whole corpus. It reads the automaton's public tables like any tool may.
import { isMatchState, matchIndex, step } from '../dist/match/automaton.js';

/** Calls `onMatch(needleOrExtraId, end)` for every match of the automaton over `chunks` (an iterable of Uint8Array). */
export function referenceWalk(a, forEachChunk, onMatch) {
  let s = a.startState;
  let base = 0;
  forEachChunk((chunk) => {
    const n = chunk.length;
    for (let i = 0; i < n; ) {
      if (s < a.firstSpecialState) {
        for (; i < n; i++) {
          s = a.transitions[s + a.byteClasses[chunk[i]]];
          if (s >= a.firstSpecialState) break;
        }
        if (i === n) break;
      } else {
        s = step(a, s, a.byteClasses[chunk[i]]);
      }
      i++;
      if (isMatchState(a, s)) {
        const k = matchIndex(a, s);
        for (let j = a.matchOffsets[k]; j < a.matchOffsets[k + 1]; j++) onMatch(a.matchIds[j], base + i);
      }
    }
    base += n;
  });
}
