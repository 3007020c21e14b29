import { createBinaryMask, type BinaryMask } from './binary-mask';

/** One connected foreground region of a mask. */
export interface ConnectedComponent {
  /** Label in `labels` (1-based; 0 is background). */
  label: number;
  area: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  centroidX: number;
  centroidY: number;
  /** True when any pixel lies on the image border. */
  touchesBorder: boolean;
}

/** Labels of every pixel (0 background) and the components found, in scan order. */
export interface ComponentLabels {
  labels: Int32Array;
  components: ConnectedComponent[];
}

/** Labels the connected foreground components of a mask with 4- or 8-connectivity. */
export function labelConnectedComponents(mask: BinaryMask, connectivity: 4 | 8 = 8): ComponentLabels {
  const { width, height, data } = mask;
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const components: ConnectedComponent[] = [];
  const nx = connectivity === 8 ? [-1, 0, 1, -1, 1, -1, 0, 1] : [0, -1, 1, 0];
  const ny = connectivity === 8 ? [-1, -1, -1, 0, 0, 1, 1, 1] : [-1, 0, 0, 1];
  for (let start = 0; start < data.length; start++) {
    if (!data[start] || labels[start]) continue;
    const label = components.length + 1;
    const comp: ConnectedComponent = {
      label,
      area: 0,
      minX: width,
      minY: height,
      maxX: -1,
      maxY: -1,
      centroidX: 0,
      centroidY: 0,
      touchesBorder: false,
    };
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    let sumX = 0;
    let sumY = 0;
    while (top > 0) {
      const p = stack[--top];
      const x = p % width;
      const y = (p - x) / width;
      comp.area++;
      sumX += x;
      sumY += y;
      if (x < comp.minX) comp.minX = x;
      if (x > comp.maxX) comp.maxX = x;
      if (y < comp.minY) comp.minY = y;
      if (y > comp.maxY) comp.maxY = y;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) comp.touchesBorder = true;
      for (let k = 0; k < nx.length; k++) {
        const xx = x + nx[k];
        const yy = y + ny[k];
        if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
        const q = yy * width + xx;
        if (data[q] && !labels[q]) {
          labels[q] = label;
          stack[top++] = q;
        }
      }
    }
    comp.centroidX = sumX / comp.area;
    comp.centroidY = sumY / comp.area;
    components.push(comp);
  }
  return { labels, components };
}

/** A mask holding only the pixels of the given component labels. */
export function keepComponents(
  labels: ComponentLabels,
  keep: readonly number[],
  width: number,
  height: number,
): BinaryMask {
  const wanted = new Set(keep);
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) if (wanted.has(labels.labels[i])) out[i] = 1;
  return createBinaryMask(width, height, out);
}

/**
 * Fills holes: background regions not 4-connected to the image border become foreground
 * (4-connected background is the complement of 8-connected foreground).
 */
export function fillHoles(mask: BinaryMask): BinaryMask {
  const { width, height, data } = mask;
  const outside = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  let top = 0;
  const seed = (p: number) => {
    if (!data[p] && !outside[p]) {
      outside[p] = 1;
      stack[top++] = p;
    }
  };
  for (let x = 0; x < width; x++) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  while (top > 0) {
    const p = stack[--top];
    const x = p % width;
    if (x > 0) seed(p - 1);
    if (x < width - 1) seed(p + 1);
    if (p >= width) seed(p - width);
    if (p < (height - 1) * width) seed(p + width);
  }
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = outside[i] ? 0 : 1;
  return createBinaryMask(width, height, out);
}
