import { spawn } from 'node:child_process';

import { createRasterImage, type RasterImage } from '@visioncad/vision-core/image';

/** Options of {@link readVideoFrames}. */
export interface VideoFrameOptions {
  /** Frames per second to sample (ffmpeg's fps filter: nearest frame to each tick). */
  fps: number;
  /** Stop after this many frames. */
  maxFrames?: number;
  /** The ffmpeg executable; default $FFMPEG_PATH, else `ffmpeg` on the PATH. */
  ffmpegPath?: string;
}

/** One sampled frame. */
export interface VideoFrame {
  index: number;
  /** Presentation time of the sample in seconds (index / fps). */
  time: number;
  image: RasterImage;
}

const MISSING_FFMPEG =
  'video decoding needs the ffmpeg executable: install it (Debian/Ubuntu: apt-get install -y ffmpeg) ' +
  'or set FFMPEG_PATH / pass ffmpegPath';

/**
 * ffmpeg announces the decoded output stream before writing frames, e.g.
 * "Stream #0:0: Video: rawvideo (RGB[24] / 0x18424752), rgb24(pc), 640x360, ...". Its size is after
 * rotation metadata is applied, which is why it is read here rather than probed from the input.
 */
export function rawvideoSizeFromLog(log: string): { width: number; height: number } | undefined {
  const output = log.slice(log.indexOf('Output #0'));
  const m = /Video: rawvideo[^\n]*?, (\d+)x(\d+)/.exec(output);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

/**
 * Decodes a video file into RGB frames sampled at `fps`, streaming them from an ffmpeg child process
 * (Debian's ffmpeg: the npm ffmpeg-static download fails offline and @ffmpeg-installer's binary is a
 * 2018 build). Errors name the file and carry ffmpeg's own message.
 */
export async function* readVideoFrames(file: string, options: VideoFrameOptions): AsyncGenerator<VideoFrame> {
  if (!(options.fps > 0)) throw new RangeError(`fps must be positive, got ${options.fps}`);
  const ffmpeg = options.ffmpegPath ?? process.env.FFMPEG_PATH ?? 'ffmpeg';
  const args = ['-hide_banner', '-nostdin', '-i', file, '-an', '-sn', '-vf', `fps=${options.fps}`];
  if (options.maxFrames !== undefined) args.push('-frames:v', String(options.maxFrames));
  args.push('-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1');
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${MISSING_FFMPEG} (tried "${ffmpeg}")`) : error),
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
  // Keep a rejection from surfacing as unhandled while frames are still being read.
  exited.catch(() => undefined);

  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  function* completeFrames(): Generator<VideoFrame> {
    const size = rawvideoSizeFromLog(log);
    if (!size) return;
    const frameBytes = size.width * size.height * 3;
    while (pending.length >= frameBytes) {
      const data = new Uint8Array(pending.subarray(0, frameBytes));
      pending = pending.subarray(frameBytes);
      yield { index, time: index / options.fps, image: createRasterImage(size.width, size.height, 3, data) };
      index++;
    }
  }
  let drained = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      yield* completeFrames();
    }
    drained = true;
  } finally {
    // A consumer that stops early (break, error) must not leave ffmpeg running.
    if (!drained) child.kill();
  }
  const code = await exited;
  if (code !== 0) {
    const lastLines = log.trim().split('\n').slice(-3).join(' | ');
    throw new Error(`${file}: ffmpeg could not decode the video (exit ${code}): ${lastLines}`);
  }
  // stderr may be read after the last stdout chunk; by exit the stream size is known.
  yield* completeFrames();
  if (pending.length > 0)
    throw new Error(`${file}: video stream ended inside a frame (${pending.length} stray bytes)`);
}
