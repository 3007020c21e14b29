import { createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';
import { extractTemplate, matchTemplate } from './template-match';
import { sceneFrame } from './tracking-test-scene.test-support';

describe('matchTemplate', () => {
  const before = sceneFrame(200, 150, [{ x: 60, y: 40, size: 50, seed: 3 }]);
  const template = extractTemplate(before, 70, 50, 30, 30)!;

  it('finds the patch where it moved, with a score near 1', () => {
    const after = sceneFrame(200, 150, [{ x: 67, y: 35, size: 50, seed: 3 }]);
    const found = matchTemplate(after, template, 70, 50, 10)!;
    expect([found.x, found.y]).toEqual([77, 45]);
    expect(found.score).toBeGreaterThan(0.99);
  });

  it('ignores brightness and contrast changes', () => {
    const after = sceneFrame(200, 150, [{ x: 60, y: 40, size: 50, seed: 3 }]);
    const dimmed = createRasterImage(
      200,
      150,
      1,
      after.data.map((v) => Math.round(v * 0.6 + 20)),
    );
    const found = matchTemplate(dimmed, template, 72, 48, 5)!;
    expect([found.x, found.y]).toEqual([70, 50]);
    expect(found.score).toBeGreaterThan(0.99);
  });

  it('scores a different texture low and finds nothing outside its search radius', () => {
    const other = sceneFrame(200, 150, [{ x: 60, y: 40, size: 50, seed: 11 }]);
    expect(matchTemplate(other, template, 70, 50, 3)!.score).toBeLessThan(0.6);
    const moved = sceneFrame(200, 150, [{ x: 120, y: 90, size: 50, seed: 3 }]);
    expect(matchTemplate(moved, template, 70, 50, 4)!.score).toBeLessThan(0.6);
  });

  it('keeps windows inside the image and returns null when none fits', () => {
    // The 30x30 template fits with its top-left at most at (170, 120) in the 200x150 image.
    expect(matchTemplate(before, template, 195, 145, 3)).toBeNull();
    const found = matchTemplate(before, template, 180, 130, 12)!;
    expect(found.x).toBeLessThanOrEqual(170);
    expect(found.y).toBeLessThanOrEqual(120);
  });
});

describe('extractTemplate', () => {
  it('returns null for a flat patch or one not fully inside the image', () => {
    const flat = createRasterImage(40, 40, 1, new Uint8Array(1600).fill(90));
    expect(extractTemplate(flat, 5, 5, 10, 10)).toBeNull();
    const scene = sceneFrame(100, 100, [{ x: 10, y: 10, size: 60, seed: 5 }]);
    expect(extractTemplate(scene, 95, 10, 10, 10)).toBeNull();
    const patch = extractTemplate(scene, 20, 20, 10, 8)!;
    expect(patch.values.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 3);
    expect(patch.norm).toBeGreaterThan(0);
  });
});
