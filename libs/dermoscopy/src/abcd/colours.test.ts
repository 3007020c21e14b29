import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { colours, COLOUR_PROTOTYPES_SRGB, scoreColours } from './colours';

const inside = ellipse(60, 50, 40, 30);
const even = { white: 0.05, red: 0.05, light_brown: 0.05, dark_brown: 0.05, blue_gray: 0.05, black: 0.05 };

describe('colours', () => {
  it('finds two colours in a half light-brown, half black lesion', () => {
    const { image, mask } = paintLesion(120, 100, inside, (x) => (x < 60 ? [190, 130, 90] : [40, 32, 30]));
    const result = colours(image, mask, even);
    expect(result.score).toBe(2);
    expect(result.present).toMatchObject({
      light_brown: true,
      black: true,
      dark_brown: false,
      blue_gray: false,
    });
    expect(result.fractions.light_brown).toBeCloseTo(0.5, 1);
  });

  it('recognises every prototype colour, and counts one colour for a uniform lesion', () => {
    for (const [name, rgb] of Object.entries(COLOUR_PROTOTYPES_SRGB)) {
      const { image, mask } = paintLesion(40, 30, ellipse(20, 15, 12, 9), () => rgb);
      const result = colours(image, mask, even);
      expect(result.score).toBe(1);
      expect(result.present[name as keyof typeof result.present]).toBe(true);
    }
  });

  it('ignores colours below the threshold and leaves far-off colours unassigned', () => {
    const { image, mask } = paintLesion(120, 100, inside, (x) =>
      x < 25 ? [110, 120, 145] : x > 95 ? [0, 200, 0] : [115, 65, 45],
    );
    const result = colours(image, mask, { ...even, blue_gray: 0.3 });
    expect(result.present.blue_gray).toBe(false);
    expect(result.present.dark_brown).toBe(true);
    expect(result.unassigned).toBeGreaterThan(0);
  });

  it('falls back to the dominant colour when none reaches its threshold', () => {
    const fractions = { white: 0, red: 0, light_brown: 0.02, dark_brown: 0.01, blue_gray: 0, black: 0 };
    expect(scoreColours(fractions, even)).toMatchObject({ score: 1, present: { light_brown: true } });
  });
});
