// Chromium's fake camera for the webcam demo test: a y4m video of real faces, built with ffmpeg
// (Debian package) from a sample photo that @vladmandic/face-api ships in node_modules, so the
// repository ships no face images. Chromium reads the file when the page opens the camera.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** The video the fake camera plays (loops its single frame). */
export const FAKE_CAMERA_VIDEO = path.resolve('test-results', 'fake-camera', 'faces.y4m');

/** A photo of three people (face-api.js's demo/sample1.jpg, MIT-licensed package). */
export const SAMPLE_FACES_PHOTO = path.resolve(
  'node_modules',
  '@vladmandic',
  'face-api',
  'demo',
  'sample1.jpg',
);

/** Builds the fake camera's video unless it exists: the three faces of the sample photo at 640x480. */
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
        ...['-loglevel', 'error', '-y', '-i', SAMPLE_FACES_PHOTO],
        // The upper middle of the photo, where the faces are, as a 4:3 webcam frame.
        ...['-vf', 'crop=1440:1080:240:0,scale=640:480,format=yuv420p', '-frames:v', '1'],
        ...['-f', 'yuv4mpegpipe', FAKE_CAMERA_VIDEO],
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
