import { expect, test } from '@playwright/test';
import { expectNoImageDataSent, recordNetwork } from './support/demo-privacy';
import { ensureFakeCameraVideo } from './support/fake-camera';
import { openDemo } from './support/demo-page';
import { screenshot } from './support/portal';

// Runs in the 'chromium-fake-camera' project (playwright.config.ts): getUserMedia gets Chromium's fake
// camera playing three real faces. The models run in the page, on wasm or software WebGL.
const EMOTIONS = ['Angry', 'Disgust', 'Fear', 'Happy', 'Sad', 'Surprise', 'Neutral'];

test.describe.configure({ timeout: 120_000 });

test.beforeAll(() => {
  ensureFakeCameraVideo();
});

test('the webcam demo finds the faces of the camera, shows their emotions and speed, and uploads nothing', async ({
  page,
  context,
  baseURL,
}) => {
  const network = recordNetwork(context);
  await openDemo(page);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByTestId('fer-status')).toContainText('Camera on', { timeout: 60_000 });

  // The fake camera shows three people; the tiny detector at 320 px finds at least two of them.
  await expect
    .poll(async () => Number(await page.getByTestId('fer-face-count').textContent()), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(2);
  for (const emotion of await page.getByTestId('fer-emotion').allTextContents()) {
    expect(EMOTIONS).toContain(emotion);
  }
  const stats = page.getByTestId('fer-stats');
  await expect
    .poll(async () => Number(await stats.getAttribute('data-frames')), { timeout: 60_000 })
    .toBeGreaterThan(5);
  for (const stage of ['fps', 'detect-ms', 'crop-ms', 'classify-ms']) {
    expect(Number(await stats.getAttribute(`data-${stage}`)), stage).toBeGreaterThan(0);
  }
  expect(['webgl', 'wasm', 'cpu']).toContain(await stats.getAttribute('data-backend'));

  // The boxes and bars are drawn on the overlay canvas.
  const drawn = await page.getByTestId('fer-overlay').evaluate((canvas: HTMLCanvasElement) =>
    canvas
      .getContext('2d')!
      .getImageData(0, 0, canvas.width, canvas.height)
      .data.some((v, i) => i % 4 === 3 && v > 0),
  );
  expect(drawn).toBe(true);
  await screenshot(page, 'anonymous-demo-webcam');

  await page.getByRole('button', { name: 'Stop camera' }).click();
  expectNoImageDataSent(network, new URL(baseURL!).origin);
});

test('the speech option says the dominant emotion aloud', async ({ page }) => {
  // Headless Chromium has no voices: record what the page asks speechSynthesis to say.
  await page.addInitScript(() => {
    const spoken: string[] = [];
    (window as unknown as { spoken: string[] }).spoken = spoken;
    window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => void spoken.push(utterance.text);
  });
  await openDemo(page);
  await page.getByLabel('Speak the dominant emotion aloud').check();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken), { timeout: 60_000 })
    .toEqual([expect.any(String)]);
  const [said] = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  expect(EMOTIONS).toContain(said);
  await expect(page.getByTestId('fer-emotion').first()).toHaveText(said);
});
