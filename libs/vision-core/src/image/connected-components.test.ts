import { describe, expect, it } from 'vitest';

import { createBinaryMask } from './binary-mask';
import { fillHoles, keepComponents, labelConnectedComponents } from './connected-components';

const grid = (rows: string[]) =>
  createBinaryMask(
    rows[0].length,
    rows.length,
    Uint8Array.from(rows.join(''), (ch) => (ch === '#' ? 1 : 0)),
  );

describe('labelConnectedComponents', () => {
  const mask = grid(['##....', '##....', '....#.', '.....#']);

  it('finds components with area, bounding box, centroid and border contact', () => {
    const { components } = labelConnectedComponents(mask, 8);
    expect(components).toHaveLength(2);
    expect(components[0]).toMatchObject({ area: 4, minX: 0, maxX: 1, centroidX: 0.5, touchesBorder: true });
    expect(components[1]).toMatchObject({ area: 2, centroidX: 4.5, centroidY: 2.5, touchesBorder: true });
  });

  it('splits diagonal neighbours under 4-connectivity', () => {
    expect(labelConnectedComponents(mask, 4).components).toHaveLength(3);
  });

  it('keeps only the chosen components', () => {
    const labels = labelConnectedComponents(mask, 8);
    expect(Array.from(keepComponents(labels, [2], 6, 4).data).reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe('fillHoles', () => {
  it('fills enclosed background but not background open to the border', () => {
    const ring = grid(['.....', '.###.', '.#.#.', '.###.', '.....']);
    expect(fillHoles(ring).data[12]).toBe(1);
    const open = grid(['.....', '.###.', '.#...', '.###.', '.....']);
    expect(fillHoles(open).data[12]).toBe(0);
  });
});
