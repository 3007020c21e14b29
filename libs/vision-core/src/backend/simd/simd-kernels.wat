;; Hand-written WebAssembly SIMD loops that run on tfjs-backend-wasm's own heap (its memory is
;; imported, so tensors are read and written in place). Pointers are byte offsets into that heap.
;; Assemble with: npx tsx libs/vision-core/src/backend/simd/assemble-simd-kernels.ts
(module
  (import "env" "memory" (memory 1 65536 shared)) ;; MEMORY_IMPORT (the unshared build drops "65536 shared")

  ;; Max-pool input gradient, NHWC: each dy element goes to the first input of its window (row-major
  ;; window order) equal to the pooled output y. Four channels per step; a lane mask marks the
  ;; windows not served yet. dx is zeroed first, so overlapping windows accumulate.
  (func (export "max_pool_grad")
    (param $x i32) (param $y i32) (param $dy i32) (param $dx i32)
    (param $N i32) (param $H i32) (param $W i32) (param $C i32) (param $OH i32) (param $OW i32)
    (param $FH i32) (param $FW i32) (param $SH i32) (param $SW i32) (param $PT i32) (param $PL i32)
    (local $n i32) (local $oh i32) (local $ow i32) (local $h i32) (local $w i32) (local $c i32)
    (local $hs i32) (local $he i32) (local $ws i32) (local $we i32) (local $t i32) (local $c4 i32)
    (local $yp i32) (local $xp i32) (local $pend i32) (local $yval f32)
    (local $yv v128) (local $dyv v128) (local $pendv v128) (local $hit v128)
    (memory.fill (local.get $dx) (i32.const 0)
      (i32.shl (i32.mul (i32.mul (i32.mul (local.get $N) (local.get $H)) (local.get $W)) (local.get $C))
        (i32.const 2)))
    (local.set $c4 (i32.and (local.get $C) (i32.const -4)))
    (local.set $n (i32.const 0))
    (block $n_done (loop $n_loop
      (br_if $n_done (i32.ge_s (local.get $n) (local.get $N)))
      (local.set $oh (i32.const 0))
      (block $oh_done (loop $oh_loop
        (br_if $oh_done (i32.ge_s (local.get $oh) (local.get $OH)))
        (local.set $t (i32.sub (i32.mul (local.get $oh) (local.get $SH)) (local.get $PT)))
        (local.set $hs (select (local.get $t) (i32.const 0) (i32.gt_s (local.get $t) (i32.const 0))))
        (local.set $he (i32.add (local.get $t) (local.get $FH)))
        (local.set $he (select (local.get $he) (local.get $H) (i32.lt_s (local.get $he) (local.get $H))))
        (local.set $ow (i32.const 0))
        (block $ow_done (loop $ow_loop
          (br_if $ow_done (i32.ge_s (local.get $ow) (local.get $OW)))
          (local.set $t (i32.sub (i32.mul (local.get $ow) (local.get $SW)) (local.get $PL)))
          (local.set $ws (select (local.get $t) (i32.const 0) (i32.gt_s (local.get $t) (i32.const 0))))
          (local.set $we (i32.add (local.get $t) (local.get $FW)))
          (local.set $we (select (local.get $we) (local.get $W) (i32.lt_s (local.get $we) (local.get $W))))
          ;; yp: byte offset of y[n, oh, ow, 0]
          (local.set $yp (i32.shl
            (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $OH)) (local.get $oh))
              (local.get $OW)) (local.get $ow)) (local.get $C))
            (i32.const 2)))
          (local.set $c (i32.const 0))
          (block $c_done (loop $c_loop
            (br_if $c_done (i32.ge_s (local.get $c) (local.get $c4)))
            (local.set $t (i32.add (local.get $yp) (i32.shl (local.get $c) (i32.const 2))))
            (local.set $yv (v128.load (i32.add (local.get $y) (local.get $t))))
            (local.set $dyv (v128.load (i32.add (local.get $dy) (local.get $t))))
            (local.set $pendv (v128.const i32x4 -1 -1 -1 -1))
            (local.set $h (local.get $hs))
            (block $h_done (loop $h_loop
              (br_if $h_done (i32.ge_s (local.get $h) (local.get $he)))
              (local.set $w (local.get $ws))
              (block $w_done (loop $w_loop
                (br_if $w_done (i32.ge_s (local.get $w) (local.get $we)))
                ;; xp: byte offset of x[n, h, w, c]
                (local.set $xp (i32.shl
                  (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H))
                    (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c))
                  (i32.const 2)))
                (local.set $hit (v128.and (local.get $pendv)
                  (f32x4.eq (v128.load (i32.add (local.get $x) (local.get $xp))) (local.get $yv))))
                (v128.store (i32.add (local.get $dx) (local.get $xp))
                  (f32x4.add (v128.load (i32.add (local.get $dx) (local.get $xp)))
                    (v128.and (local.get $dyv) (local.get $hit))))
                (local.set $pendv (v128.andnot (local.get $pendv) (local.get $hit)))
                (local.set $w (i32.add (local.get $w) (i32.const 1)))
                (br $w_loop)))
              (local.set $h (i32.add (local.get $h) (i32.const 1)))
              (br $h_loop)))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $c_loop)))
          ;; the last C % 4 channels, one at a time
          (block $tail_done (loop $tail_loop
            (br_if $tail_done (i32.ge_s (local.get $c) (local.get $C)))
            (local.set $t (i32.add (local.get $yp) (i32.shl (local.get $c) (i32.const 2))))
            (local.set $yval (f32.load (i32.add (local.get $y) (local.get $t))))
            (local.set $pend (i32.const 1))
            (local.set $h (local.get $hs))
            (block $th_done (loop $th_loop
              (br_if $th_done (i32.or (i32.eqz (local.get $pend)) (i32.ge_s (local.get $h) (local.get $he))))
              (local.set $w (local.get $ws))
              (block $tw_done (loop $tw_loop
                (br_if $tw_done (i32.or (i32.eqz (local.get $pend)) (i32.ge_s (local.get $w) (local.get $we))))
                (local.set $xp (i32.shl
                  (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H))
                    (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c))
                  (i32.const 2)))
                (if (f32.eq (f32.load (i32.add (local.get $x) (local.get $xp))) (local.get $yval))
                  (then
                    (f32.store (i32.add (local.get $dx) (local.get $xp))
                      (f32.add (f32.load (i32.add (local.get $dx) (local.get $xp)))
                        (f32.load (i32.add (local.get $dy) (local.get $t)))))
                    (local.set $pend (i32.const 0))))
                (local.set $w (i32.add (local.get $w) (i32.const 1)))
                (br $tw_loop)))
              (local.set $h (i32.add (local.get $h) (i32.const 1)))
              (br $th_loop)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $tail_loop)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $ow_loop)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $oh_loop)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $n_loop)))
  )
)
