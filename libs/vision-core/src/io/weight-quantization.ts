import { setFloat16 } from '@petamoriken/float16';
import type * as tf from '@tensorflow/tfjs-core';

/** Export-time weight compression understood by tf.loadLayersModel. */
export type WeightQuantization = 'float16' | 'uint8' | 'uint16';

/** A manifest entry as tfjs-converter writes it (it also records the original dtype). */
type QuantizedEntry = tf.io.WeightsManifestEntry & {
  quantization?: { dtype: WeightQuantization; min?: number; scale?: number; original_dtype?: string };
};

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function roundHalfEven(x: number): number {
  // numpy's np.round, which tfjs-converter uses.
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Affine uint8/uint16 quantization exactly as tfjs-converter's quantization.py: the range
 * [min, max] is nudged so that 0.0 maps to an integer (zero padding stays exact), values are
 * clipped to it and stored as round((v - min) / scale); tfjs decodes q * scale + min.
 */
export function quantizeAffine(
  values: Float32Array,
  dtype: 'uint8' | 'uint16',
): { data: Uint8Array | Uint16Array; min: number; scale: number } {
  const quantMax = dtype === 'uint8' ? 255 : 65535;
  const out = dtype === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`cannot quantize a weight holding ${v}`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (values.length === 0 || lo === hi) return { data: out, min: values.length === 0 ? 0 : lo, scale: 1 };
  const scale = (hi - lo) / quantMax;
  let min = lo;
  let max = hi;
  if (lo <= 0 && 0 <= hi) {
    const zeroPoint = roundHalfEven((0 - lo) / scale);
    min = -zeroPoint * scale;
    max = quantMax * scale + min;
  }
  for (let i = 0; i < values.length; i++) {
    const v = Math.min(Math.max(values[i], min), max);
    out[i] = roundHalfEven((v - min) / scale);
  }
  return { data: out, min, scale };
}

/** float32 to IEEE binary16 (round to nearest even, as numpy astype(float16)), little-endian. */
export function toFloat16(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) setFloat16(view, i * 2, values[i], true);
  return out;
}

/**
 * Quantizes every float32 weight of a flat weight buffer (tfjs-converter leaves other dtypes
 * alone) and returns the new buffer with manifest entries carrying the `quantization` field.
 */
export function quantizeWeights(
  specs: readonly tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
  dtype: WeightQuantization,
): { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer } {
  const chunks: Uint8Array[] = [];
  const outSpecs: QuantizedEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    if (spec.quantization) throw new Error(`weight ${spec.name} is already quantized`);
    const bytesPer = DTYPE_BYTES[spec.dtype];
    if (bytesPer === undefined)
      throw new Error(`weight ${spec.name} has dtype ${spec.dtype}, which export cannot quantize or copy`);
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const byteLength = count * bytesPer;
    if (offset + byteLength > data.byteLength) throw new Error(`weight data ends inside ${spec.name}`);
    const raw = data.slice(offset, offset + byteLength);
    offset += byteLength;
    if (spec.dtype !== 'float32') {
      chunks.push(new Uint8Array(raw));
      outSpecs.push({ ...spec });
      continue;
    }
    const values = new Float32Array(raw);
    if (dtype === 'float16') {
      chunks.push(toFloat16(values));
      outSpecs.push({ ...spec, quantization: { dtype: 'float16', original_dtype: 'float32' } });
    } else {
      const q = quantizeAffine(values, dtype);
      chunks.push(new Uint8Array(q.data.buffer, q.data.byteOffset, q.data.byteLength));
      outSpecs.push({
        ...spec,
        quantization: { dtype, min: q.min, scale: q.scale, original_dtype: 'float32' },
      });
    }
  }
  const total = chunks.reduce((s, c) => s + c.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return { specs: outSpecs, data: out.buffer };
}
