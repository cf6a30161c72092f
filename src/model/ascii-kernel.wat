;; The ASCII loop of hashing.ts' hashUnits in WebAssembly: hashUnits hands it every stretch of ASCII
;; units that follows three ASCII units, in texts all ASCII or not, and it gives the same buckets
;; (test/model/ascii-kernel.test.ts) in about half the time V8 takes for the JavaScript loop.
;; `npm run wasm` assembles it into ascii-kernel.wasm.
;;
;; Memory, laid out by ascii-kernel.ts: from 0 the FNV state after a 4-gram's first two units, for
;; every pair of ASCII units (i32, 0x4000 of them, index (a << 7) | b, written by `init`); from
;; 0x10000 four byte tables of 128 entries, what the pass reads for each ASCII unit: the unit (lower
;; case, digits as '0', whitespace as a space), 4 unless it is part of a word, 1 if it is, 4 if it
;; is whitespace; from 0x10200 the pass's state (below); then the text's UTF-8 bytes and the two
;; bucket arrays.
(module
  (memory (export "memory") 2)

  ;; Writes the pair table: for units a and b, the FNV state after a 4-gram's first two, as
  ;; hashing.ts' gramHashStart computes it (from the FNV offset xor the n-gram order, 4). Here it
  ;; takes microseconds; the same loop in JavaScript, still cold on an isolate's first request,
  ;; took about 2 ms.
  (func (export "init")
    (local $a i32) (local $b i32) (local $h i32)
    (loop $first
      (local.set $h (i32.mul (i32.xor (i32.const 0x811c9dc1) (local.get $a)) (i32.const 0x01000193)))
      (local.set $b (i32.const 0))
      (loop $second
        (i32.store (i32.shl (i32.or (i32.shl (local.get $a) (i32.const 7)) (local.get $b)) (i32.const 2))
          (i32.mul (i32.xor (local.get $h) (local.get $b)) (i32.const 0x01000193)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $second (i32.lt_u (local.get $b) (i32.const 0x80))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br_if $first (i32.lt_u (local.get $a) (i32.const 0x80)))))

  ;; Reads the bytes from `at` up to the first one past ASCII (ascii-kernel.ts puts one after the
  ;; text) and returns where it stopped. The state, i32s at 0x10200 that hashUnits writes before
  ;; and reads after: where the 4-gram and word buckets start, how many of each there are, the
  ;; 4-gram's three previous units (7 bits each), whether the last unit was whitespace, whether it
  ;; was in a word (each 0 or 1), the word's FNV state, and the mask of the table's bits. Inside,
  ;; counts are kept as pointers and flags as 4 or 0, the step of a pointer.
  (func (export "run") (param $i i32) (result i32)
    (local $code i32) (local $unit i32) (local $isWord i32) (local $space4 i32)
    (local $grams i32) (local $words i32) (local $g i32) (local $w i32) (local $last3 i32)
    (local $afterSpace4 i32) (local $inWord i32) (local $wordHash i32) (local $mask i32)
    (local $keep4 i32) (local $h i32)
    (local.set $grams (i32.load (i32.const 0x10200)))
    (local.set $words (i32.load (i32.const 0x10204)))
    (local.set $g (i32.add (local.get $grams) (i32.shl (i32.load (i32.const 0x10208)) (i32.const 2))))
    (local.set $w (i32.add (local.get $words) (i32.shl (i32.load (i32.const 0x1020c)) (i32.const 2))))
    (local.set $last3 (i32.load (i32.const 0x10210)))
    (local.set $afterSpace4 (i32.shl (i32.load (i32.const 0x10214)) (i32.const 2)))
    (local.set $inWord (i32.shl (i32.load (i32.const 0x10218)) (i32.const 2)))
    (local.set $wordHash (i32.load (i32.const 0x1021c)))
    (local.set $mask (i32.load (i32.const 0x10220)))
    (block $done
      (loop $next
        (local.set $code (i32.load8_u (local.get $i)))
        (br_if $done (i32.ge_u (local.get $code) (i32.const 0x80)))
        ;; What the pass reads for the unit, from four byte tables (fewer steps than unpacking hashUnits' one number).
        (local.set $unit (i32.load8_u offset=0x10000 (local.get $code)))
        (local.set $isWord (i32.load8_u offset=0x10100 (local.get $code)))
        (local.set $space4 (i32.load8_u offset=0x10180 (local.get $code)))
        ;; The word: its bucket is written at every unit, and kept (the pointer moves on) when a word ends here.
        (i32.store (local.get $w)
          (i32.and (i32.xor (local.get $wordHash) (i32.shr_u (local.get $wordHash) (i32.const 15))) (local.get $mask)))
        (local.set $w (i32.add (local.get $w) (i32.and (local.get $inWord) (i32.load8_u offset=0x10080 (local.get $code)))))
        (local.set $wordHash (select
          (i32.mul (i32.xor (local.get $wordHash) (local.get $unit)) (i32.const 0x01000193))
          (i32.const 0x811c9dc5)
          (local.get $isWord)))
        (local.set $inWord (i32.mul (local.get $isWord) (i32.const 4)))
        ;; The 4-gram, kept unless the unit continues a whitespace run: the FNV state after its first two units from the pair table.
        (local.set $keep4 (i32.xor (i32.and (local.get $space4) (local.get $afterSpace4)) (i32.const 4)))
        (local.set $h (i32.mul
          (i32.xor
            (i32.mul
              (i32.xor
                (i32.load (i32.and (i32.shr_u (local.get $last3) (i32.const 5)) (i32.const 0xfffc)))
                (i32.and (local.get $last3) (i32.const 0x7f)))
              (i32.const 0x01000193))
            (local.get $unit))
          (i32.const 0x01000193)))
        (i32.store (local.get $g)
          (i32.and (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))) (local.get $mask)))
        (local.set $g (i32.add (local.get $g) (local.get $keep4)))
        (local.set $last3 (select
          (i32.and (i32.or (i32.shl (local.get $last3) (i32.const 7)) (local.get $unit)) (i32.const 0x1fffff))
          (local.get $last3)
          (local.get $keep4)))
        (local.set $afterSpace4 (local.get $space4))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 0x10208) (i32.shr_u (i32.sub (local.get $g) (local.get $grams)) (i32.const 2)))
    (i32.store (i32.const 0x1020c) (i32.shr_u (i32.sub (local.get $w) (local.get $words)) (i32.const 2)))
    (i32.store (i32.const 0x10210) (local.get $last3))
    (i32.store (i32.const 0x10214) (i32.shr_u (local.get $afterSpace4) (i32.const 2)))
    (i32.store (i32.const 0x10218) (i32.shr_u (local.get $inWord) (i32.const 2)))
    (i32.store (i32.const 0x1021c) (local.get $wordHash))
    (local.get $i)))
