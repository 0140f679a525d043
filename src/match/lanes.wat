;; The four-lane DFA walk of scan-chunk.ts in WebAssembly (the why and the numbers are there;
;; the JavaScript side, memory layout included, is lanes-wasm.ts). Assembled by
;; scripts/build-lanes-wasm.mjs into lanes-wasm-binary.ts; a test checks the two agree.
;;
;; States are byte addresses: state id `s` is `rows + 4 s`, so a dense step is one load at
;; `state + 4 × class`, and a sparse state `k` is `sparse + 4 k`, whose byte offset into the
;; sparse tables is `state − sparse`. Memory (imported):
;;   0–255     byte → class
;;   256–383   four lane records of 32 bytes: +0 state, +4 next byte address, +8 end address,
;;             +12 record matches ending after this address, +16 next free output slot
;;   elsewhere the chunk, each lane's output (8-byte slots: end address, state) and the tables,
;;             at the addresses imported below.
(module
  (import "env" "memory" (memory 1))
  ;; First matching or sparse state: everything below is a dense state that matches nothing.
  (import "env" "special" (global $special i32))
  ;; First sparse state.
  (import "env" "sparse" (global $sparse i32))
  ;; First matching sparse state.
  (import "env" "sparseMatch" (global $sparseMatch i32))
  ;; Sparse state k: edges [edgeStart[k], edgeStart[k + 1]) (u32), failure link fail[k] (state).
  (import "env" "edgeStart" (global $edgeStart i32))
  (import "env" "fail" (global $fail i32))
  ;; Edge j: class edgeClass[j] (u8) leads to state edgeTarget[j].
  (import "env" "edgeClass" (global $edgeClass i32))
  (import "env" "edgeTarget" (global $edgeTarget i32))

  ;; The state after `state` on byte class `class`: a dense row, or sparse edges and failure links.
  (func $step (param $state i32) (param $class i32) (result i32)
    (local $k i32) (local $j i32) (local $last i32)
    (block $dense
      (loop $follow
        (br_if $dense (i32.lt_u (local.get $state) (global.get $sparse)))
        (local.set $k (i32.sub (local.get $state) (global.get $sparse)))
        (local.set $j (i32.load (i32.add (global.get $edgeStart) (local.get $k))))
        (local.set $last (i32.load offset=4 (i32.add (global.get $edgeStart) (local.get $k))))
        (block $miss
          (loop $edges
            (br_if $miss (i32.ge_u (local.get $j) (local.get $last)))
            (if (i32.eq (i32.load8_u (i32.add (global.get $edgeClass) (local.get $j))) (local.get $class))
              (then (return (i32.load (i32.add (global.get $edgeTarget) (i32.shl (local.get $j) (i32.const 2)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $edges)))
        (local.set $state (i32.load (i32.add (global.get $fail) (local.get $k))))
        (br $follow)))
    (i32.load (i32.add (local.get $state) (i32.shl (local.get $class) (i32.const 2)))))

  ;; Appends (end, state) to the lane's output when needles end in `state` and `end` is past
  ;; the lane's warm-up.
  (func $record (param $lane i32) (param $state i32) (param $end i32)
    (local $slot i32)
    (if (i32.and
          (i32.gt_u (local.get $end) (i32.load offset=12 (local.get $lane)))
          (i32.or
            (i32.ge_u (local.get $state) (global.get $sparseMatch))
            (i32.and (i32.ge_u (local.get $state) (global.get $special))
                     (i32.lt_u (local.get $state) (global.get $sparse)))))
      (then
        (local.set $slot (i32.load offset=16 (local.get $lane)))
        (i32.store (local.get $slot) (local.get $end))
        (i32.store offset=4 (local.get $slot) (local.get $state))
        (i32.store offset=16 (local.get $lane) (i32.add (local.get $slot) (i32.const 8))))))

  ;; Walks one lane alone while it is in a matching or sparse state and has bytes left.
  (func $settle (param $lane i32)
    (local $state i32) (local $at i32) (local $end i32)
    (local.set $state (i32.load (local.get $lane)))
    (local.set $at (i32.load offset=4 (local.get $lane)))
    (local.set $end (i32.load offset=8 (local.get $lane)))
    (block $done
      (loop $walk
        (br_if $done (i32.lt_u (local.get $state) (global.get $special)))
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $state (call $step (local.get $state) (i32.load8_u (i32.load8_u (local.get $at)))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (call $record (local.get $lane) (local.get $state) (local.get $at))
        (br $walk)))
    (i32.store (local.get $lane) (local.get $state))
    (i32.store offset=4 (local.get $lane) (local.get $at)))

  ;; Walks one lane alone to its end: tight dense loop, excursions through $settle.
  (func $alone (param $lane i32)
    (local $state i32) (local $at i32) (local $end i32)
    (local.set $end (i32.load offset=8 (local.get $lane)))
    (loop $walk
      (call $settle (local.get $lane))
      (local.set $state (i32.load (local.get $lane)))
      (local.set $at (i32.load offset=4 (local.get $lane)))
      (block $done
        (loop $run
          (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
          (local.set $state (i32.load (i32.add (local.get $state) (i32.shl (i32.load8_u (i32.load8_u (local.get $at))) (i32.const 2)))))
          (local.set $at (i32.add (local.get $at) (i32.const 1)))
          (br_if $run (i32.lt_u (local.get $state) (global.get $special))))
        (i32.store (local.get $lane) (local.get $state))
        (i32.store offset=4 (local.get $lane) (local.get $at))
        (call $record (local.get $lane) (local.get $state) (local.get $at))
        (br $walk)))
    (i32.store (local.get $lane) (local.get $state))
    (i32.store offset=4 (local.get $lane) (local.get $at)))

  ;; Saves a lane's state and position; walks it alone past a matching or sparse state.
  (func $leave (param $lane i32) (param $state i32) (param $at i32)
    (i32.store (local.get $lane) (local.get $state))
    (i32.store offset=4 (local.get $lane) (local.get $at))
    (if (i32.ge_u (local.get $state) (global.get $special))
      (then
        (call $record (local.get $lane) (local.get $state) (local.get $at))
        (call $settle (local.get $lane)))))

  ;; Turns the `count` state ids at `address` into state addresses (`rows + 4 id`) in place:
  ;; the tables are copied in as they are and converted here, far faster than in JavaScript.
  (func (export "encode") (param $address i32) (param $count i32) (param $rows i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $address) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $address) (local.get $end)))
        (i32.store (local.get $address)
          (i32.add (local.get $rows) (i32.shl (i32.load (local.get $address)) (i32.const 2))))
        (local.set $address (i32.add (local.get $address) (i32.const 4)))
        (br $each))))

  ;; The four lanes at 256, 288, 320, 352 in lock step while all are in dense non-matching
  ;; states; a lane that leaves them is walked alone until it is back; lanes that run out
  ;; first are finished alone. Results stay in the lane records and their output slots.
  (func (export "walk")
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $steps i32) (local $n i32) (local $stop i32) (local $special i32)
    (local.set $special (global.get $special))
    (call $settle (i32.const 256))
    (call $settle (i32.const 288))
    (call $settle (i32.const 320))
    (call $settle (i32.const 352))
    (block $finish
      (loop $outer
        (local.set $s0 (i32.load (i32.const 256)))
        (local.set $s1 (i32.load (i32.const 288)))
        (local.set $s2 (i32.load (i32.const 320)))
        (local.set $s3 (i32.load (i32.const 352)))
        (local.set $p0 (i32.load (i32.const 260)))
        (local.set $p1 (i32.load (i32.const 292)))
        (local.set $p2 (i32.load (i32.const 324)))
        (local.set $p3 (i32.load (i32.const 356)))
        (local.set $steps (i32.sub (i32.load (i32.const 264)) (local.get $p0)))
        (local.set $n (i32.sub (i32.load (i32.const 296)) (local.get $p1)))
        (local.set $steps (select (local.get $n) (local.get $steps) (i32.lt_u (local.get $n) (local.get $steps))))
        (local.set $n (i32.sub (i32.load (i32.const 328)) (local.get $p2)))
        (local.set $steps (select (local.get $n) (local.get $steps) (i32.lt_u (local.get $n) (local.get $steps))))
        (local.set $n (i32.sub (i32.load (i32.const 360)) (local.get $p3)))
        (local.set $steps (select (local.get $n) (local.get $steps) (i32.lt_u (local.get $n) (local.get $steps))))
        (br_if $finish (i32.eqz (local.get $steps)))
        (local.set $stop (i32.add (local.get $p0) (local.get $steps)))
        (loop $inner
          (local.set $s0 (i32.load (i32.add (local.get $s0) (i32.shl (i32.load8_u (i32.load8_u (local.get $p0))) (i32.const 2)))))
          (local.set $s1 (i32.load (i32.add (local.get $s1) (i32.shl (i32.load8_u (i32.load8_u (local.get $p1))) (i32.const 2)))))
          (local.set $s2 (i32.load (i32.add (local.get $s2) (i32.shl (i32.load8_u (i32.load8_u (local.get $p2))) (i32.const 2)))))
          (local.set $s3 (i32.load (i32.add (local.get $s3) (i32.shl (i32.load8_u (i32.load8_u (local.get $p3))) (i32.const 2)))))
          (local.set $p0 (i32.add (local.get $p0) (i32.const 1)))
          (local.set $p1 (i32.add (local.get $p1) (i32.const 1)))
          (local.set $p2 (i32.add (local.get $p2) (i32.const 1)))
          (local.set $p3 (i32.add (local.get $p3) (i32.const 1)))
          ;; Addresses are below 2^31: the sign bit survives the AND only while every lane is
          ;; below `special` and the steps are not used up.
          (br_if $inner (i32.lt_s
            (i32.and
              (i32.and (i32.sub (local.get $s0) (local.get $special)) (i32.sub (local.get $s1) (local.get $special)))
              (i32.and
                (i32.and (i32.sub (local.get $s2) (local.get $special)) (i32.sub (local.get $s3) (local.get $special)))
                (i32.sub (local.get $p0) (local.get $stop))))
            (i32.const 0))))
        (call $leave (i32.const 256) (local.get $s0) (local.get $p0))
        (call $leave (i32.const 288) (local.get $s1) (local.get $p1))
        (call $leave (i32.const 320) (local.get $s2) (local.get $p2))
        (call $leave (i32.const 352) (local.get $s3) (local.get $p3))
        (br $outer)))
    (call $alone (i32.const 256))
    (call $alone (i32.const 288))
    (call $alone (i32.const 320))
    (call $alone (i32.const 352))))
