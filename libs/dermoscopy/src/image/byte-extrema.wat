;; Byte-wise maximum / minimum of two byte ranges, 16 bytes per step with WebAssembly SIMD: the inner
;; loop of run-length grayscale morphology (run-morphology.ts), where every run of the structuring
;; element is one such pass over the whole padded image. Pointers are byte offsets into this
;; module's own memory, which JS fills and grows.
;; Assemble with: npx tsx libs/dermoscopy/src/image/assemble-byte-extrema.node.ts
(module
  (memory (export "memory") 1)

  ;; dst[i] = max(a[i], b[i]) for 0 <= i < n (unsigned). dst may equal a, or be below b.
  (func (export "max_u8") (param $dst i32) (param $a i32) (param $b i32) (param $n i32)
    (local $i i32) (local $end i32) (local $x i32) (local $y i32)
    (local.set $end (i32.and (local.get $n) (i32.const -16)))
    (block $vec_done (loop $vec
      (br_if $vec_done (i32.ge_u (local.get $i) (local.get $end)))
      (v128.store (i32.add (local.get $dst) (local.get $i))
        (i8x16.max_u
          (v128.load (i32.add (local.get $a) (local.get $i)))
          (v128.load (i32.add (local.get $b) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vec)))
    (block $tail_done (loop $tail
      (br_if $tail_done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (i32.load8_u (i32.add (local.get $a) (local.get $i))))
      (local.set $y (i32.load8_u (i32.add (local.get $b) (local.get $i))))
      (i32.store8 (i32.add (local.get $dst) (local.get $i))
        (select (local.get $x) (local.get $y) (i32.gt_u (local.get $x) (local.get $y))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $tail))))

  ;; dst[i] = min(a[i], b[i]) for 0 <= i < n (unsigned). dst may equal a, or be below b.
  (func (export "min_u8") (param $dst i32) (param $a i32) (param $b i32) (param $n i32)
    (local $i i32) (local $end i32) (local $x i32) (local $y i32)
    (local.set $end (i32.and (local.get $n) (i32.const -16)))
    (block $vec_done (loop $vec
      (br_if $vec_done (i32.ge_u (local.get $i) (local.get $end)))
      (v128.store (i32.add (local.get $dst) (local.get $i))
        (i8x16.min_u
          (v128.load (i32.add (local.get $a) (local.get $i)))
          (v128.load (i32.add (local.get $b) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vec)))
    (block $tail_done (loop $tail
      (br_if $tail_done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (i32.load8_u (i32.add (local.get $a) (local.get $i))))
      (local.set $y (i32.load8_u (i32.add (local.get $b) (local.get $i))))
      (i32.store8 (i32.add (local.get $dst) (local.get $i))
        (select (local.get $x) (local.get $y) (i32.lt_u (local.get $x) (local.get $y))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $tail)))))
