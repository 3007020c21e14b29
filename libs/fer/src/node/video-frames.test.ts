import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { rawvideoSizeFromLog, readVideoFrames } from './video-frames';

function hasFfmpeg(): boolean {
  try {
    execFileSync(process.env.FFMPEG_PATH ?? 'ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function collect<T>(frames: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const f of frames) out.push(f);
  return out;
}

describe('readVideoFrames', () => {
  it('reads the decoded frame size from the output stream line of the ffmpeg log', () => {
    const log =
      'Input #0, mov,mp4: Stream #0:0: Video: h264, yuv420p, 1920x1080\n' +
      'Output #0, rawvideo, to pipe:1:\n  Stream #0:0: Video: rawvideo (RGB[24] / 0x18424752), rgb24(pc), 1080x1920, q=2-31\n';
    expect(rawvideoSizeFromLog(log)).toEqual({ width: 1080, height: 1920 });
    expect(rawvideoSizeFromLog('Input #0 ... 640x480')).toBeUndefined();
  });

  it('says how to get ffmpeg when it is missing', async () => {
    await expect(
      collect(readVideoFrames('clip.mp4', { fps: 1, ffmpegPath: '/nonexistent/ffmpeg' })),
    ).rejects.toThrow(
      /video decoding needs the ffmpeg executable: install it \(Debian\/Ubuntu: apt-get install -y ffmpeg\)/,
    );
    await expect(collect(readVideoFrames('clip.mp4', { fps: 0 }))).rejects.toThrow(/fps must be positive/);
  });

  // Needs the ffmpeg executable (Debian package ffmpeg), a system dependency of video input.
  it.runIf(hasFfmpeg())('samples frames at the requested rate as RGB rasters', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'video-'));
    const file = join(dir, 'clip.mp4');
    // 2 s of a 64x48 test pattern at 25 fps.
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=64x48:rate=25:duration=2',
      '-pix_fmt',
      'yuv420p',
      file,
    ]);
    const frames = await collect(readVideoFrames(file, { fps: 5 }));
    expect(frames).toHaveLength(10);
    expect(frames.map((f) => f.time)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6, 1.8]);
    expect(frames[3].image).toMatchObject({ width: 64, height: 48, channels: 3 });
    expect(await collect(readVideoFrames(file, { fps: 5, maxFrames: 3 }))).toHaveLength(3);
    let first;
    for await (const f of readVideoFrames(file, { fps: 25 })) {
      first = f;
      break;
    }
    expect(first?.index).toBe(0);
    await writeFile(join(dir, 'broken.mp4'), 'not a video');
    await expect(collect(readVideoFrames(join(dir, 'broken.mp4'), { fps: 1 }))).rejects.toThrow(
      /broken.mp4: ffmpeg could not decode the video/,
    );
  });
});
