import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRepoRoot } from '@visioncad/db/repo-root';
import { parseNewCase } from './case-fields';
import { createCase } from './case-records';
import { faceSamplePath } from './analysis-fixtures.test-support';
import type { FaceOutputs } from './analysis-outputs';
import { requestAnalysis } from './analysis-requests';
import { runAnalysis } from './analysis-run';
import { addCaseVideo, sniffVideoFormat } from './analysis-video-upload';
import { createTestDatabase, type TestDatabase } from './test-database.test-support';

// Test videos are made with ffmpeg (the video loader needs it anyway); skipped where it is missing.
function hasFfmpeg(): boolean {
  try {
    execFileSync(process.env.FFMPEG_PATH ?? 'ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const MODELS = path.join(resolveRepoRoot(), 'models');
const work = mkdtempSync(path.join(tmpdir(), 'visioncad-video-test-'));

function ffmpeg(args: string[], out: string): Buffer {
  const file = path.join(work, out);
  execFileSync(process.env.FFMPEG_PATH ?? 'ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    ...args,
    file,
  ]);
  return readFileSync(file);
}

describe.skipIf(!hasFfmpeg())('face videos', () => {
  let t: TestDatabase;
  let storage: string;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    storage = path.join(t.dir, 'storage');
    const input = parseNewCase({ patientReference: 'PT-0400', bodySite: 'face', visitDate: '2026-05-04' });
    caseId = (await createCase(input, t.clinician, t.db)).id;
  });
  afterAll(() => t.cleanup());

  it('stores one analysable frame per half second, pointing at the stored video', async () => {
    // Two seconds of face-api's sample photo (three faces), MPEG-4 part 2 in an MP4 container.
    const video = ffmpeg(
      [
        '-loop',
        '1',
        '-i',
        faceSamplePath(),
        '-t',
        '2',
        '-r',
        '5',
        '-vf',
        'scale=640:-2',
        '-c:v',
        'mpeg4',
        '-q:v',
        '3',
      ],
      'faces.mp4',
    );
    expect(sniffVideoFormat(video)).toBe('mp4');
    const { frames, video: stored } = await addCaseVideo(
      caseId,
      { name: 'faces.mp4', bytes: video },
      t.clinician,
      t.db,
      storage,
    );
    expect(frames.map((f) => f.frameTimeMs)).toEqual([0, 500, 1000, 1500]);
    expect(frames.every((f) => f.kind === 'VIDEO_FRAME' && f.sourceKey === stored.storageKey)).toBe(true);
    expect(frames[0]).toMatchObject({ width: 640, mimeType: 'image/png', originalName: 'faces.mp4 @ 0.0 s' });
    expect(await t.db.auditLog.count({ where: { action: 'video.upload' } })).toBe(1);

    const queued = await requestAnalysis(frames[1].id, { pxPerMm: null }, t.clinician, {
      db: t.db,
      modelsDir: MODELS,
    });
    expect(queued.task).toBe('fer');
    expect(await runAnalysis(queued.id, { db: t.db, storageDir: storage, modelsDir: MODELS })).toBe(
      'SUCCEEDED',
    );
    const row = await t.db.analysis.findUniqueOrThrow({ where: { id: queued.id } });
    expect((row.outputs as unknown as FaceOutputs).faces).toHaveLength(3);
  });

  it('refuses what is not a short, whole video, and stores nothing', async () => {
    const before = await t.db.image.count();
    const long = ffmpeg(
      ['-f', 'lavfi', '-i', 'color=c=gray:s=64x48:d=31', '-r', '2', '-c:v', 'mpeg4'],
      'long.mp4',
    );
    const clip = ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=64x48:d=2', '-c:v', 'mpeg4'], 'clip.mp4');
    const add = (name: string, bytes: Uint8Array) =>
      addCaseVideo(caseId, { name, bytes }, t.clinician, t.db, storage);
    await expect(add('long.mp4', long)).rejects.toThrow('long.mp4 is longer than 30 s');
    await expect(add('notes.mp4', Buffer.from('not a video at all'))).rejects.toMatchObject({
      status: 415,
      message: 'notes.mp4 is not an MP4, MOV, WebM or AVI video.',
    });
    await expect(add('empty.mp4', Buffer.alloc(0))).rejects.toThrow('empty.mp4 is empty (0 bytes).');
    await expect(add('cut.mp4', clip.subarray(0, 600))).rejects.toThrow(
      /^cut\.mp4 (cannot be decoded as a video|has no video frames)/,
    );
    expect(await t.db.image.count()).toBe(before);
  });
});
