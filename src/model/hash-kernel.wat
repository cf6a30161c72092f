;; The loops of hashing.ts' hashUnits in WebAssembly: hashUnits hands it every text, and it hashes
;; every code point up to one it leaves to JavaScript (not learned yet, held by the state's stop
;; bits, or a Σ it cannot place), for the same buckets (test/model/hash-kernel.test.ts) in
;; about half the time V8 takes for the JavaScript loops; `sum`, which sums the tables' values at
;; the buckets; and `expand`, which writes the weights' dense tables at start-up. `npm run wasm` assembles it into hash-kernel.wasm.
;;
;; Memory, laid out by hash-kernel.ts: from 0 the FNV state after a 4-gram's first two units, for
;; every pair of ASCII units (i32, 0x4000 of them, index (a << 7) | b, written by `init`); from
;; 0x10000 four byte tables of 128 entries, what the pass reads for each ASCII unit: the unit (lower
;; case, digits as '0', whitespace as a space), 4 unless it is part of a word, 1 if it is, 4 if it
;; is whitespace; from 0x10200 the pass's state (below); from 0x20000 the reads table, an i32 for
;; each code point of the BMP; from 0x60000 the astral reads, an i16 for each code point above the
;; BMP (hash-kernel.ts writes an entry of either when a text first brings its code point); then
;; the weights' two tables (in the instance that holds a model's), the text's UTF-8 bytes, the two
;; bucket arrays and the two arrays of where they end.
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

  ;; Expands a sparse table of the weights file (weights.ts' decodeTables) into `size` bytes from
  ;; `table`, which hold `fill` but for its `count` entries: a byte each of gap from the previous
  ;; bucket (the first from bucket -1) at `gaps` and of value at `values`. Returns the end of the
  ;; buckets it lists, one past the last (the sum of the gaps), for decodeTables to check; it stops
  ;; at the first bucket from `size` on, unwritten. It runs once per table at start-up, into the
  ;; memory of the instance that then hashes the model's texts: the same loop in JavaScript, still
  ;; interpreted then, took 6 to 8 ms of a Worker's start-up.
  (func (export "expand") (param $table i32) (param $size i32) (param $fill i32) (param $gaps i32) (param $values i32) (param $count i32) (result i32)
    (local $i i32) (local $end i32)
    (memory.fill (local.get $table) (local.get $fill) (local.get $size))
    (block $done
      (loop $entry
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $end (i32.add (local.get $end) (i32.load8_u (i32.add (local.get $gaps) (local.get $i)))))
        (br_if $done (i32.gt_u (local.get $end) (local.get $size)))
        (i32.store8 (i32.add (local.get $table) (i32.sub (local.get $end) (i32.const 1))) (i32.load8_u (i32.add (local.get $values) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $entry)))
    (local.get $end))

  ;; The sum of a table's signed bytes at the `count` i32 buckets from `keys`: features.ts' table
  ;; sums, on the weights' tables `expand` wrote. Twice as fast as the same loop in JavaScript over
  ;; the same memory (Node), which checks both reads' bounds.
  (func (export "sum") (param $table i32) (param $keys i32) (param $count i32) (result i32)
    (local $sum i32) (local $end i32)
    (local.set $end (i32.add (local.get $keys) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $keys) (local.get $end)))
        (local.set $sum (i32.add (local.get $sum) (i32.load8_s (i32.add (local.get $table) (i32.load (local.get $keys))))))
        (local.set $keys (i32.add (local.get $keys) (i32.const 4)))
        (br $next)))
    (local.get $sum))

  ;; Bytes of UTF-8 beyond the UTF-16 units they hold, read by $general since `run` began.
  (global $extra (mut i32) (i32.const 0))

  ;; Reads the text's UTF-8 bytes from `at` on, and returns where it stopped: at the end (hash-kernel.ts
  ;; puts a byte there that no code point starts with), or at a code point whose entry in the reads
  ;; tables is not readable (not learned yet, or holding a bit of the state's stop
  ;; bits). The state, i32s at 0x10200 that hashUnits writes before and reads
  ;; after: where the 4-gram and word buckets start, how many of each there are, the 4-gram's three
  ;; previous units, whether the last unit was whitespace, whether it was in a word (each 0 or 1), the
  ;; word's FNV state, the mask of the table's bits, the stop bits, and (written here) how many units
  ;; it read. The two loops are functions of their own, which hand the state over in memory: in one
  ;; function, the ASCII loop ran a quarter slower in workerd.
  (func (export "run") (param $i i32) (result i32)
    (local $start i32)
    (local.set $start (local.get $i))
    (global.set $extra (i32.const 0))
    (block $end
      (loop $more
        (local.set $i (call $ascii (local.get $i)))
        ;; The byte after the text: nothing for $general to read.
        (br_if $end (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x80)))
        (local.set $i (call $general (local.get $i)))
        ;; $general hands back at an ASCII byte, and stops at any other.
        (br_if $more (i32.lt_u (i32.load8_u (local.get $i)) (i32.const 0x80)))))
    (i32.store (i32.const 0x10230) (i32.sub (i32.sub (local.get $i) (local.get $start)) (global.get $extra)))
    (local.get $i))

  ;; ASCII units after three ASCII units, up to the first byte past ASCII: the three packed in one
  ;; number, 7 bits each, and the FNV state after a 4-gram's first two units looked up, not computed.
  ;; Inside, counts are kept as pointers and flags as 4 or 0, the step of a pointer.
  (func $ascii (param $i i32) (result i32)
    (local $code i32) (local $unit i32) (local $isWord i32) (local $space4 i32)
    (local $grams i32) (local $words i32) (local $g i32) (local $w i32) (local $last3 i32)
    (local $afterSpace4 i32) (local $inWord i32) (local $wordHash i32) (local $mask i32)
    (local $keep4 i32) (local $h i32)
    ;; Only after three ASCII units: else $general reads on.
    (if (i32.ge_u (i32.or (i32.or (i32.load (i32.const 0x10210)) (i32.load (i32.const 0x10214))) (i32.load (i32.const 0x10218))) (i32.const 0x80))
      (then (return (local.get $i))))
    (local.set $grams (i32.load (i32.const 0x10200)))
    (local.set $words (i32.load (i32.const 0x10204)))
    (local.set $g (i32.add (local.get $grams) (i32.shl (i32.load (i32.const 0x10208)) (i32.const 2))))
    (local.set $w (i32.add (local.get $words) (i32.shl (i32.load (i32.const 0x1020c)) (i32.const 2))))
    (local.set $afterSpace4 (i32.shl (i32.load (i32.const 0x1021c)) (i32.const 2)))
    (local.set $inWord (i32.shl (i32.load (i32.const 0x10220)) (i32.const 2)))
    (local.set $wordHash (i32.load (i32.const 0x10224)))
    (local.set $mask (i32.load (i32.const 0x10228)))
    (local.set $last3 (i32.or
      (i32.or (i32.shl (i32.load (i32.const 0x10210)) (i32.const 14)) (i32.shl (i32.load (i32.const 0x10214)) (i32.const 7)))
      (i32.load (i32.const 0x10218))))
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
    (i32.store (i32.const 0x1021c) (i32.shr_u (local.get $afterSpace4) (i32.const 2)))
    (i32.store (i32.const 0x10220) (i32.shr_u (local.get $inWord) (i32.const 2)))
    (i32.store (i32.const 0x10224) (local.get $wordHash))
    (i32.store (i32.const 0x10210) (i32.shr_u (local.get $last3) (i32.const 14)))
    (i32.store (i32.const 0x10214) (i32.and (i32.shr_u (local.get $last3) (i32.const 7)) (i32.const 0x7f)))
    (i32.store (i32.const 0x10218) (i32.and (local.get $last3) (i32.const 0x7f)))
    (local.get $i))

  ;; Where the buckets of a text all ASCII end, as hashing.ts' bucketEnds writes them for the
  ;; segments: a 4-gram at the unit it is written at, a word at the unit before the one that ends
  ;; it, the closing padding (or a trailing whitespace run's 4-gram, which stands for it) at the last
  ;; unit. From the copy of the text at $text ($length bytes, one a unit) into the i32 arrays at
  ;; $grams and $words; flags as 4 or 0, as in $ascii.
  (func (export "ends") (param $text i32) (param $length i32) (param $grams i32) (param $words i32)
    (local $i i32) (local $code i32) (local $space4 i32) (local $g i32) (local $w i32)
    (local $afterSpace4 i32) (local $inWord i32)
    (local.set $g (local.get $grams))
    (local.set $w (local.get $words))
    (local.set $afterSpace4 (i32.const 4)) ;; leading whitespace makes no 4-gram
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $length)))
        (local.set $code (i32.load8_u (i32.add (local.get $text) (local.get $i))))
        (local.set $space4 (i32.load8_u offset=0x10180 (local.get $code)))
        (i32.store (local.get $w) (i32.sub (local.get $i) (i32.const 1)))
        (local.set $w (i32.add (local.get $w) (i32.and (local.get $inWord) (i32.load8_u offset=0x10080 (local.get $code)))))
        (local.set $inWord (i32.shl (i32.load8_u offset=0x10100 (local.get $code)) (i32.const 2)))
        (i32.store (local.get $g) (local.get $i))
        (local.set $g (i32.add (local.get $g) (i32.xor (i32.and (local.get $space4) (local.get $afterSpace4)) (i32.const 4))))
        (local.set $afterSpace4 (local.get $space4))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (local.get $inWord) (then (i32.store (local.get $w) (i32.sub (local.get $length) (i32.const 1)))))
    (i32.store
      (select
        (i32.sub (local.get $g) (i32.const 4))
        (local.get $g)
        (i32.and (i32.ne (local.get $afterSpace4) (i32.const 0)) (i32.gt_u (local.get $g) (local.get $grams))))
      (select (i32.sub (local.get $length) (i32.const 1)) (i32.const 0) (i32.gt_u (local.get $length) (i32.const 0)))))

  ;; Any code point the reads tables can read, decoded from UTF-8, until an ASCII unit follows three
  ;; ASCII units (it hands back there) or a code point it cannot read (it stops).
  (func $general (param $i i32) (result i32)
    (local $length i32) (local $read i32) (local $next i32) (local $readable i32)
    (local $code i32) (local $unit i32) (local $isWord i32) (local $space4 i32)
    (local $grams i32) (local $words i32) (local $g i32) (local $w i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32)
    (local $afterSpace4 i32) (local $inWord i32) (local $wordHash i32) (local $mask i32)
    (local $keep4 i32) (local $h i32)
    (local.set $grams (i32.load (i32.const 0x10200)))
    (local.set $words (i32.load (i32.const 0x10204)))
    (local.set $g (i32.add (local.get $grams) (i32.shl (i32.load (i32.const 0x10208)) (i32.const 2))))
    (local.set $w (i32.add (local.get $words) (i32.shl (i32.load (i32.const 0x1020c)) (i32.const 2))))
    (local.set $afterSpace4 (i32.shl (i32.load (i32.const 0x1021c)) (i32.const 2)))
    (local.set $inWord (i32.shl (i32.load (i32.const 0x10220)) (i32.const 2)))
    (local.set $wordHash (i32.load (i32.const 0x10224)))
    (local.set $mask (i32.load (i32.const 0x10228)))
    (local.set $c0 (i32.load (i32.const 0x10210)))
    (local.set $c1 (i32.load (i32.const 0x10214)))
    (local.set $c2 (i32.load (i32.const 0x10218)))
    ;; An entry is read if it has the KNOWN bit (0x80000) and none of the stop bits.
    (local.set $readable (i32.or (i32.load (i32.const 0x1022c)) (i32.const 0x80000)))
    (block $out
    (loop $general
      (local.set $code (i32.load8_u (local.get $i)))
      (local.set $length (i32.const 1))
      (block $read
      (if (i32.lt_u (local.get $code) (i32.const 0x80))
        (then (br_if $out (i32.lt_u (i32.or (i32.or (local.get $c0) (local.get $c1)) (local.get $c2)) (i32.const 0x80))))
        (else
          (if (i32.eq (i32.and (local.get $code) (i32.const 0xe0)) (i32.const 0xc0))
            (then
              (local.set $code (i32.or
                (i32.shl (i32.and (local.get $code) (i32.const 0x1f)) (i32.const 6))
                (i32.and (i32.load8_u offset=1 (local.get $i)) (i32.const 0x3f))))
              (local.set $length (i32.const 2)))
            (else
              (if (i32.eq (i32.and (local.get $code) (i32.const 0xf0)) (i32.const 0xe0))
                (then
                  (local.set $code (i32.or
                    (i32.or
                      (i32.shl (i32.and (local.get $code) (i32.const 0x0f)) (i32.const 12))
                      (i32.shl (i32.and (i32.load8_u offset=1 (local.get $i)) (i32.const 0x3f)) (i32.const 6)))
                    (i32.and (i32.load8_u offset=2 (local.get $i)) (i32.const 0x3f))))
                  (local.set $length (i32.const 3)))
                (else
                  ;; Four bytes, a code point above the BMP (encodeInto writes them only for a surrogate
                  ;; pair, and the stop byte 0x80 is no lead byte): read as its two units, from the astral
                  ;; reads' entry (1 << 15 learned, 1 << 14 part of a word, below them what lower case
                  ;; adds to the code point). The pass stops at one not learned yet, and at one lower
                  ;; case changes in a text read as it is.
                  (br_if $out (i32.ne (i32.and (local.get $code) (i32.const 0xf8)) (i32.const 0xf0)))
                  (local.set $code (i32.sub
                    (i32.or
                      (i32.or
                        (i32.shl (i32.and (local.get $code) (i32.const 0x07)) (i32.const 18))
                        (i32.shl (i32.and (i32.load8_u offset=1 (local.get $i)) (i32.const 0x3f)) (i32.const 12)))
                      (i32.or
                        (i32.shl (i32.and (i32.load8_u offset=2 (local.get $i)) (i32.const 0x3f)) (i32.const 6))
                        (i32.and (i32.load8_u offset=3 (local.get $i)) (i32.const 0x3f))))
                    (i32.const 0x10000)))
                  (local.set $read (i32.load16_u offset=0x60000 (i32.shl (local.get $code) (i32.const 1))))
                  (br_if $out (i32.eqz (i32.and (local.get $read) (i32.const 0x8000))))
                  (if (i32.and (local.get $read) (i32.const 0x3fff))
                    (then
                      (br_if $out (i32.and (local.get $readable) (i32.const 0x40000)))
                      (local.set $code (i32.add (local.get $code) (i32.and (local.get $read) (i32.const 0x3fff))))))
                  ;; The two units, each with the word flag where the read keeps it (1 << 16).
                  (local.set $read (i32.shl (i32.and (local.get $read) (i32.const 0x4000)) (i32.const 2)))
                  (local.set $next (i32.or (local.get $read) (i32.or (i32.const 0xdc00) (i32.and (local.get $code) (i32.const 0x3ff)))))
                  (local.set $read (i32.or (local.get $read) (i32.or (i32.const 0xd800) (i32.shr_u (local.get $code) (i32.const 10)))))
                  (local.set $length (i32.const 4))
                  (br $read)))))))
      (local.set $read (i32.load offset=0x20000 (i32.shl (local.get $code) (i32.const 2))))
      (br_if $out (i32.ne (i32.and (local.get $read) (local.get $readable)) (i32.const 0x80000)))
      ;; Σ (1 << 21): σ or final ς by its context, where ASCII decides it, read from the classes of
      ;; the ASCII units' entries (1 << 22 cased, 1 << 23 case-ignorable). A cased unit after it makes
      ;; σ; else, if neither the unit after it nor the unit before (the 4-gram's last) is past ASCII
      ;; or case-ignorable, ς after a cased unit and σ after anything else. The entry's unit is σ, ς
      ;; the one before it. The rest is left to JavaScript.
      (if (i32.and (local.get $read) (i32.const 0x200000))
        (then
          (local.set $code (i32.load8_u offset=2 (local.get $i)))
          (br_if $out (i32.ge_u (local.get $code) (i32.const 0x80)))
          (local.set $code (i32.load offset=0x20000 (i32.shl (local.get $code) (i32.const 2))))
          (local.set $read (i32.and (local.get $read) (i32.const 0x9ffff)))
          (if (i32.eqz (i32.and (local.get $code) (i32.const 0x400000)))
            (then
              (br_if $out (i32.and (local.get $code) (i32.const 0x800000)))
              (br_if $out (i32.ge_u (local.get $c2) (i32.const 0x80)))
              (local.set $code (i32.load offset=0x20000 (i32.shl (local.get $c2) (i32.const 2))))
              (br_if $out (i32.and (local.get $code) (i32.const 0x800000)))
              (local.set $read (i32.sub (local.get $read) (i32.shr_u (i32.and (local.get $code) (i32.const 0x400000)) (i32.const 22))))))))
      ;; İ reads as two units, i and U+0307 (its lower case's mark): the step runs twice.
      (local.set $next (select (i32.const 0x307) (i32.const 0) (i32.and (local.get $read) (i32.const 0x100000)))))
      (local.set $i (i32.add (local.get $i) (local.get $length)))
      ;; The bytes beyond the first, but a pair's second, which is a unit of its own.
      (global.set $extra (i32.add (global.get $extra) (i32.sub (i32.sub (local.get $length) (i32.const 1)) (i32.shr_u (local.get $length) (i32.const 2)))))
      ;; The step runs again for $next: İ's mark, a pair's second unit (0 for none, as the step leaves it).
      (loop $step
        ;; The read: the unit in the low 16 bits, 1 << 16 if it is part of a word, 1 << 17 if whitespace, 1 << 20 for İ.
        (local.set $unit (i32.and (local.get $read) (i32.const 0xffff)))
        (local.set $isWord (i32.and (i32.shr_u (local.get $read) (i32.const 16)) (i32.const 1)))
        (local.set $space4 (i32.and (i32.shr_u (local.get $read) (i32.const 15)) (i32.const 4)))
        (i32.store (local.get $w)
          (i32.and (i32.xor (local.get $wordHash) (i32.shr_u (local.get $wordHash) (i32.const 15))) (local.get $mask)))
        (local.set $w (i32.add (local.get $w) (i32.and (local.get $inWord) (i32.shl (i32.xor (local.get $isWord) (i32.const 1)) (i32.const 2)))))
        (local.set $wordHash (select
          (i32.mul (i32.xor (local.get $wordHash) (local.get $unit)) (i32.const 0x01000193))
          (i32.const 0x811c9dc5)
          (local.get $isWord)))
        (local.set $inWord (i32.shl (local.get $isWord) (i32.const 2)))
        ;; The 4-gram from the FNV offset xor the n-gram order, computed unit by unit.
        (local.set $keep4 (i32.xor (i32.and (local.get $space4) (local.get $afterSpace4)) (i32.const 4)))
        (local.set $h (i32.mul
          (i32.xor
            (i32.mul
              (i32.xor
                (i32.mul
                  (i32.xor
                    (i32.mul (i32.xor (i32.const 0x811c9dc1) (local.get $c0)) (i32.const 0x01000193))
                    (local.get $c1))
                  (i32.const 0x01000193))
                (local.get $c2))
              (i32.const 0x01000193))
            (local.get $unit))
          (i32.const 0x01000193)))
        (i32.store (local.get $g)
          (i32.and (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))) (local.get $mask)))
        (local.set $g (i32.add (local.get $g) (local.get $keep4)))
        (local.set $c0 (select (local.get $c1) (local.get $c0) (local.get $keep4)))
        (local.set $c1 (select (local.get $c2) (local.get $c1) (local.get $keep4)))
        (local.set $c2 (select (local.get $unit) (local.get $c2) (local.get $keep4)))
        (local.set $afterSpace4 (local.get $space4))
        (if (local.get $next)
          (then
            (local.set $read (local.get $next))
            (local.set $next (i32.const 0))
            (br $step))))
      (br $general)))
    (i32.store (i32.const 0x10208) (i32.shr_u (i32.sub (local.get $g) (local.get $grams)) (i32.const 2)))
    (i32.store (i32.const 0x1020c) (i32.shr_u (i32.sub (local.get $w) (local.get $words)) (i32.const 2)))
    (i32.store (i32.const 0x1021c) (i32.shr_u (local.get $afterSpace4) (i32.const 2)))
    (i32.store (i32.const 0x10220) (i32.shr_u (local.get $inWord) (i32.const 2)))
    (i32.store (i32.const 0x10224) (local.get $wordHash))
    (i32.store (i32.const 0x10210) (local.get $c0))
    (i32.store (i32.const 0x10214) (local.get $c1))
    (i32.store (i32.const 0x10218) (local.get $c2))
    (local.get $i)))
