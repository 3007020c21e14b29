// Short face videos: checked by content (MP4/MOV, WebM/Matroska or AVI magic bytes, size, frame
// size, length), sampled at a fixed rate with ffmpeg (@visioncad/fer's readVideoFrames; Debian's
// ffmpeg), and kept as the case's VIDEO_FRAME images — one PNG per sample, content-addressed, each
// pointing at the stored video — so every frame gets the face analysis and the case page a
// timeline. A refused video changes nothing: it is probed from a temporary copy first.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDb, recordAudit, resolveStorageDir, type Db } from '@visioncad/db';
import { readVideoFrames, type VideoFrame } from '@visioncad/fer/node/video-frames';
import { encodePng } from '@visioncad/vision-core/image-node';
import type { Actor } from './actor';
import type { UploadedFile } from './case-images';
import { storeBytes } from './image-storage';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_PIXELS } from './image-validation';
import { ServiceError } from './service-error';

/** Frames sampled per second of video. */
export const VIDEO_SAMPLE_FPS = 2;
/** The longest video accepted, in seconds (a "short video" of one sitting). */
export const MAX_VIDEO_SECONDS = 30;

export type VideoFormat = 'mp4' | 'webm' | 'avi';

/** The container by its magic bytes, or null when the bytes are not a video this portal reads. */
export function sniffVideoFormat(bytes: Uint8Array): VideoFormat | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp') return 'mp4';
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    return 'webm';
  }
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'avi';
  return null;
}

/** Samples the video's frames, refusing what is not a short, decodable video of sane frame size. */
export async function sampleVideo(file: UploadedFile): Promise<VideoFrame[]> {
  const { name, bytes } = file;
  if (bytes.length === 0) throw new ServiceError(400, `${name} is empty (0 bytes).`, 'file');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new ServiceError(413, `${name} is over the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB limit.`, 'file');
  }
  const format = sniffVideoFormat(bytes);
  if (!format) throw new ServiceError(415, `${name} is not an MP4, MOV, WebM or AVI video.`, 'file');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'visioncad-video-'));
  const probe = path.join(dir, `upload.${format}`);
  const limit = MAX_VIDEO_SECONDS * VIDEO_SAMPLE_FPS;
  try {
    await writeFile(probe, bytes);
    const frames: VideoFrame[] = [];
    for await (const frame of readVideoFrames(probe, { fps: VIDEO_SAMPLE_FPS, maxFrames: limit + 1 })) {
      const pixels = frame.image.width * frame.image.height;
      if (pixels > MAX_UPLOAD_PIXELS) {
        throw new ServiceError(
          413,
          `${name} has ${frame.image.width}x${frame.image.height} frames, over the ${MAX_UPLOAD_PIXELS / 1e6} megapixel limit.`,
          'file',
        );
      }
      frames.push(frame);
    }
    if (frames.length > limit) {
      throw new ServiceError(
        400,
        `${name} is longer than ${MAX_VIDEO_SECONDS} s; upload a clip of at most ${MAX_VIDEO_SECONDS} s.`,
        'file',
      );
    }
    if (frames.length === 0) throw new ServiceError(400, `${name} has no video frames.`, 'file');
    return frames;
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const message = (error as Error).message.replaceAll(probe, name);
    if (/needs the ffmpeg executable/.test(message)) throw error;
    throw new ServiceError(400, `${name} cannot be decoded as a video: ${message}`, 'file');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Stores the video by hash and one VIDEO_FRAME image per sampled frame (PNG); returns the frames'
 * image rows in time order. Nothing is stored when the video is refused.
 */
export async function addCaseVideo(
  caseId: string,
  file: UploadedFile,
  actor: Actor,
  db: Db = getDb(),
  storageDir: string = resolveStorageDir(),
) {
  const found = await db.case.findUnique({ where: { id: caseId }, select: { id: true } });
  if (!found) throw new ServiceError(404, `There is no case with id "${caseId}".`, 'id');
  const frames = await sampleVideo(file);
  const video = await storeBytes(file.bytes, storageDir);
  const stored = await Promise.all(
    frames.map(async (frame) => {
      const png = await encodePng(frame.image);
      return { frame, png, key: await storeBytes(png, storageDir) };
    }),
  );
  const images = await db.$transaction(
    stored.map(({ frame, png, key }) =>
      db.image.create({
        data: {
          caseId,
          kind: 'VIDEO_FRAME',
          contentHash: key.contentHash,
          storageKey: key.storageKey,
          mimeType: 'image/png',
          originalName: `${file.name} @ ${frame.time.toFixed(1)} s`,
          byteSize: png.length,
          width: frame.image.width,
          height: frame.image.height,
          sourceKey: video.storageKey,
          frameIndex: frame.index,
          frameTimeMs: Math.round(frame.time * 1000),
          uploadedById: actor.id,
        },
      }),
    ),
  );
  await recordAudit(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'video.upload',
      targetType: 'Case',
      targetId: caseId,
      details: {
        originalName: file.name,
        contentHash: video.contentHash,
        frames: images.length,
        fps: VIDEO_SAMPLE_FPS,
        imageIds: images.map((image) => image.id),
      },
      ip: actor.ip,
    },
    db,
  );
  return {
    video: { contentHash: video.contentHash, storageKey: video.storageKey, name: file.name },
    frames: images,
  };
}
