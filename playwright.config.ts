import { defineConfig, devices } from '@playwright/test';
import { FAKE_CAMERA_VIDEO } from './tests/e2e/support/fake-camera';

// Run through `npm run test:e2e` (scripts/e2e.mjs): it builds and starts the portal on a fresh data
// directory and passes its address here. Browsers cannot be downloaded in this environment, so the
// suite drives Debian's Chromium.
const baseURL = process.env.E2E_BASE_URL;
if (!baseURL) {
  throw new Error(
    'E2E_BASE_URL is not set: run the browser tests with `npm run test:e2e`, which starts the portal',
  );
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results',
  // The tests share one server and one database, and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: '**/demo-webcam.e2e.ts',
      use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } },
    },
    {
      // The webcam demo: Chromium's fake camera plays a video of faces (tests/e2e/support/fake-camera.ts).
      name: 'chromium-fake-camera',
      testMatch: '**/demo-webcam.e2e.ts',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            ...CHROMIUM_ARGS,
            '--use-fake-device-for-media-stream',
            '--use-fake-ui-for-media-stream',
            `--use-file-for-fake-video-capture=${FAKE_CAMERA_VIDEO}`,
          ],
        },
      },
    },
  ],
});
