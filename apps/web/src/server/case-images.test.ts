import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCaseImage, readImageForDisplay } from './case-images';
import { parseNewCase } from './case-fields';
import { createCase } from './case-records';
import { ServiceError } from './service-error';
import { lesionBmp, lesionPng, pngClaiming, truncated } from './synthetic-images.test-support';
import { createTestDatabase, type TestDatabase } from './test-database.test-support';

let t: TestDatabase;
let caseId: string;
let storage: string;

beforeEach(async () => {
  t = await createTestDatabase();
  storage = path.join(t.dir, 'storage');
  const input = parseNewCase({ patientReference: 'PT-0002', bodySite: 'chest', visitDate: '2026-03-02' });
  caseId = (await createCase(input, t.clinician, t.db)).id;
});
afterEach(() => t.cleanup());

describe('addCaseImage', () => {
  it('stores by content hash, reuses identical bytes and records the upload', async () => {
    const png = await lesionPng(96, 72);
    const first = await addCaseImage(
      caseId,
      'DERMOSCOPY',
      { name: 'a.png', bytes: png },
      t.clinician,
      t.db,
      storage,
    );
    const second = await addCaseImage(
      caseId,
      'DERMOSCOPY',
      { name: 'copy.png', bytes: png },
      t.clinician,
      t.db,
      storage,
    );
    expect(first.reusedStoredFile).toBe(false);
    expect(second.reusedStoredFile).toBe(true);
    expect(second.image.storageKey).toBe(first.image.storageKey);
    expect(first.image).toMatchObject({
      width: 96,
      height: 72,
      mimeType: 'image/png',
      byteSize: png.length,
      originalName: 'a.png',
    });
    const hashDir = path.join(storage, 'sha256', first.image.contentHash.slice(0, 2));
    expect(readdirSync(hashDir)).toEqual([first.image.contentHash]);
    expect(await t.db.auditLog.count({ where: { action: 'image.upload' } })).toBe(2);
  });

  it('refuses bad files without touching the case or its images', async () => {
    await addCaseImage(
      caseId,
      'DERMOSCOPY',
      { name: 'good.png', bytes: await lesionPng() },
      t.clinician,
      t.db,
      storage,
    );
    for (const [name, bytes] of [
      ['empty.png', Buffer.alloc(0)],
      ['bomb.png', pngClaiming(100_000, 100_000)],
      ['cut.png', truncated(await lesionPng(200, 150))],
      ['notes.jpg', Buffer.from('not an image')],
    ] as const) {
      await expect(
        addCaseImage(caseId, 'DERMOSCOPY', { name, bytes }, t.clinician, t.db, storage),
      ).rejects.toBeInstanceOf(ServiceError);
    }
    expect(await t.db.image.count({ where: { caseId } })).toBe(1);
    expect(await t.db.case.count()).toBe(1);
  });

  it('serves BMP as PNG for display', async () => {
    const { image } = await addCaseImage(
      caseId,
      'DERMOSCOPY',
      { name: 'IMD001.bmp', bytes: lesionBmp() },
      t.clinician,
      t.db,
      storage,
    );
    expect(image.mimeType).toBe('image/bmp');
    const shown = await readImageForDisplay(image.id, t.clinician, t.db, storage);
    expect(shown.contentType).toBe('image/png');
    expect(Buffer.from(shown.bytes).subarray(1, 4).toString('ascii')).toBe('PNG');
  });
});
