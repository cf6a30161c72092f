;; The hashing pass of hashing.ts (hashUnits' ASCII loop) for a text that is all ASCII, in
;; WebAssembly: the same buckets (test/model/ascii-kernel.test.ts) in about half the time V8
;; takes for the JavaScript loop. `npm run wasm` assembles it into ascii-kernel.wasm.
;;
;; Memory, laid out by ascii-kernel.ts: from 0 the FNV state after a 4-gram's first two units, for
;; every pair of ASCII units (i32, 0x4000 of them, index (a << 7) | b); from 0x10000 four byte
;; tables of 128 entries, what the pass reads for each ASCII unit: the unit (lower case, digits as
;; '0', whitespace as a space), 4 unless it is part of a word, 1 if it is, 4 if it is whitespace;
;; then the text's bytes and the two bucket arrays, both of i32.
(module
  (memory (export "memory") 2)
  (global $wordCount (export "wordCount") (mut i32) (i32.const 0))

  ;; Hashes the `length` bytes at `text` into 4-gram buckets at `grams` and word buckets at `words`
  ;; (room for length + 1 each), masked by `mask`; returns the 4-gram count and leaves the word
  ;; count in $wordCount. Counts are kept as pointers and flags as 4 or 0, the step of a pointer.
  (func (export "hash") (param $text i32) (param $length i32) (param $grams i32) (param $words i32) (param $mask i32) (result i32)
    (local $i i32) (local $end i32) (local $code i32) (local $unit i32) (local $isWord i32) (local $space4 i32)
    (local $g i32) (local $w i32) (local $last3 i32) (local $afterSpace4 i32) (local $inWord i32)
    (local $wordHash i32) (local $keep4 i32) (local $h i32)
    (local.set $last3 (i32.const 0x81020))
    (local.set $afterSpace4 (i32.const 4))
    (local.set $wordHash (i32.const 0x811c9dc5))
    (local.set $i (local.get $text))
    (local.set $end (i32.add (local.get $text) (local.get $length)))
    (local.set $g (local.get $grams))
    (local.set $w (local.get $words))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; What the pass reads for the unit, from four byte tables (fewer steps than unpacking hashUnits' one number).
        (local.set $code (i32.load8_u (local.get $i)))
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
    ;; The last word, and the closing padding unless a trailing whitespace run already made that 4-gram.
    (if (local.get $inWord) (then
      (i32.store (local.get $w)
        (i32.and (i32.xor (local.get $wordHash) (i32.shr_u (local.get $wordHash) (i32.const 15))) (local.get $mask)))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))))
    (if (i32.or (i32.eqz (local.get $afterSpace4)) (i32.eq (local.get $g) (local.get $grams))) (then
      (local.set $h (i32.mul
        (i32.xor
          (i32.mul
            (i32.xor
              (i32.load (i32.and (i32.shr_u (local.get $last3) (i32.const 5)) (i32.const 0xfffc)))
              (i32.and (local.get $last3) (i32.const 0x7f)))
            (i32.const 0x01000193))
          (i32.const 0x20))
        (i32.const 0x01000193)))
      (i32.store (local.get $g)
        (i32.and (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))) (local.get $mask)))
      (local.set $g (i32.add (local.get $g) (i32.const 4)))))
    (global.set $wordCount (i32.shr_u (i32.sub (local.get $w) (local.get $words)) (i32.const 2)))
    (i32.shr_u (i32.sub (local.get $g) (local.get $grams)) (i32.const 2))))
