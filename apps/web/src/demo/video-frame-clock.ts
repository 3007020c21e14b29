// When the camera's <video> shows a new frame, and how many frames per second it shows: the webcam
// loop analyses each new frame once (never the same frame twice) and the page states the camera's
// own rate next to the analysed rate, since the camera caps what the pipeline can reach.
import { FrameRate } from './stage-stats';

interface FrameMetadata {
  presentedFrames: number;
}
type VideoWithFrameCallbacks = HTMLVideoElement & {
  requestVideoFrameCallback(callback: (now: number, metadata: FrameMetadata) => void): number;
  cancelVideoFrameCallback(handle: number): void;
};

function hasFrameCallbacks(video: HTMLVideoElement): video is VideoWithFrameCallbacks {
  return 'requestVideoFrameCallback' in video;
}

/** Counts the frames a playing <video> presents (requestVideoFrameCallback). */
export class VideoFrameClock {
  private presented = 0;
  private readonly rate = new FrameRate(60);
  private waiters: (() => void)[] = [];
  private handle: number | null = null;
  private stopped = false;
  private lastTime = -1;

  constructor(private readonly video: HTMLVideoElement) {
    if (hasFrameCallbacks(video)) this.watch(video);
  }

  /** False where the browser cannot report presented frames: then every new `currentTime` counts as one. */
  get exact(): boolean {
    return hasFrameCallbacks(this.video);
  }

  /** Frames per second the video presented recently; null until known (or without frame callbacks). */
  get fps(): number | null {
    return this.exact ? this.rate.fps : null;
  }

  /** Resolves with the presented-frame count once it is above `seen` (or when the clock stops). */
  next(seen: number): Promise<number> {
    if (!this.exact) return this.nextByCurrentTime(seen);
    if (this.presented > seen || this.stopped) return Promise.resolve(this.presented);
    return new Promise((resolve) => this.waiters.push(() => resolve(this.presented)));
  }

  /** Stops counting and releases anyone waiting. */
  stop(): void {
    this.stopped = true;
    if (this.handle !== null && hasFrameCallbacks(this.video))
      this.video.cancelVideoFrameCallback(this.handle);
    this.wake();
  }

  private watch(video: VideoWithFrameCallbacks): void {
    this.handle = video.requestVideoFrameCallback((now, metadata) => {
      // presentedFrames counts frames handed to the compositor, also those presented while this
      // thread was busy and the callback waited.
      const fresh = metadata.presentedFrames - this.presented;
      this.presented = metadata.presentedFrames;
      for (let k = 0; k < fresh; k++) this.rate.tick(now);
      this.wake();
      if (!this.stopped) this.watch(video);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private async nextByCurrentTime(seen: number): Promise<number> {
    while (!this.stopped && this.video.currentTime === this.lastTime) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    this.lastTime = this.video.currentTime;
    return seen + 1;
  }
}
