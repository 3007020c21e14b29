// Chromium's fake camera for the webcam demo test and benchmark: a y4m video of real faces, built with
// ffmpeg (Debian package) from a sample photo that @vladmandic/face-api ships in node_modules, so the
// repository ships no face images. Chromium reads the file when the page opens the camera and plays
// it in a loop at the frame rate in its header. The view pans and bobs over the photo like a hand-held
// camera (the faces move by up to ~6 px per frame), so the demo's face tracking has motion to follow.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Frame rate and length of the fake camera's clip (it loops seamlessly). */
export const FAKE_CAMERA_FPS = 30;
const CLIP_SECONDS = 3;

/** The video the fake camera plays; the name says what it holds, so an older build is not reused. */
export const FAKE_CAMERA_VIDEO = path.resolve(
  'test-results',
  'fake-camera',
  `faces-moving-640x480-${FAKE_CAMERA_FPS}fps.y4m`,
);

/** A photo of three people (face-api.js's demo/sample1.jpg, MIT-licensed package). */
export const SAMPLE_FACES_PHOTO = path.resolve(
  'node_modules',
  '@vladmandic',
  'face-api',
  'demo',
  'sample1.jpg',
);

/**
 * Builds the fake camera's video unless it exists: the three faces of the sample photo at 640x480,
 * 30 fps, a 1440x1080 window moving over the 1920x1280 photo (sideways +-100 px over 3 s, up and
 * down +-80 px over 1.5 s, both periods dividing the clip so it loops without a jump).
 */
export function ensureFakeCameraVideo(): string {
  if (existsSync(FAKE_CAMERA_VIDEO)) return FAKE_CAMERA_VIDEO;
  if (!existsSync(SAMPLE_FACES_PHOTO)) {
    throw new Error(`${SAMPLE_FACES_PHOTO} is missing: run npm install (it comes with @vladmandic/face-api)`);
  }
  mkdirSync(path.dirname(FAKE_CAMERA_VIDEO), { recursive: true });
  const ffmpeg = process.env.FFMPEG_PATH ?? 'ffmpeg';
  try {
    execFileSync(
      ffmpeg,
      [
        ...['-loglevel', 'error', '-y', '-loop', '1', '-framerate', String(FAKE_CAMERA_FPS)],
        ...['-i', SAMPLE_FACES_PHOTO],
        // The upper middle of the photo, where the faces are, as a moving 4:3 webcam frame.
        ...[
          '-vf',
          `crop=1440:1080:x='240+100*sin(2*PI*t/${CLIP_SECONDS})':y='100+80*sin(4*PI*t/${CLIP_SECONDS})',scale=640:480,format=yuv420p`,
        ],
        ...['-frames:v', String(FAKE_CAMERA_FPS * CLIP_SECONDS), '-f', 'yuv4mpegpipe', FAKE_CAMERA_VIDEO],
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(
      `could not build the fake camera video with ${ffmpeg} (install Debian's ffmpeg or set FFMPEG_PATH): ${(error as Error).message}`,
    );
  }
  return FAKE_CAMERA_VIDEO;
}
