// Adding images to a case and reading them back for display.
import sharp from 'sharp';
import { getDb, recordAudit, resolveStorageDir, type Db } from '@visioncad/db';
import { decodeImageBuffer, encodePng } from '@visioncad/vision-core/image-node';
import type { Actor } from './actor';
import { readStoredBytes, storeBytes } from './image-storage';
import { validateImageUpload } from './image-validation';
import { ServiceError } from './service-error';

/** The kinds of image a clinician uploads (video frames come from the video pipeline). */
export const UPLOAD_KINDS = ['DERMOSCOPY', 'FACE'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** Reads the `kind` field of an upload; a missing or unknown kind is a 400 naming it. */
export function parseUploadKind(value: unknown): UploadKind {
  if (typeof value === 'string' && (UPLOAD_KINDS as readonly string[]).includes(value)) {
    return value as UploadKind;
  }
  throw new ServiceError(
    400,
    `kind must be ${UPLOAD_KINDS.join(' or ')}, got ${typeof value === 'string' ? `"${value}"` : 'nothing'}.`,
    'kind',
  );
}

/** One uploaded file: its name as the client sent it and its bytes. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Validates the file by content, stores it by hash (reusing an identical stored file) and adds an
 * Image row to the case. A refused file changes nothing: the case and its images stay as they were.
 */
export async function addCaseImage(
  caseId: string,
  kind: UploadKind,
  file: UploadedFile,
  actor: Actor,
  db: Db = getDb(),
  storageDir: string = resolveStorageDir(),
) {
  const found = await db.case.findUnique({ where: { id: caseId }, select: { id: true } });
  if (!found) throw new ServiceError(404, `There is no case with id "${caseId}".`, 'id');
  const image = await validateImageUpload(file.bytes, file.name);
  const stored = await storeBytes(file.bytes, storageDir);
  const row = await db.image.create({
    data: {
      caseId,
      kind,
      contentHash: stored.contentHash,
      storageKey: stored.storageKey,
      mimeType: image.mimeType,
      originalName: file.name,
      byteSize: file.bytes.length,
      width: image.width,
      height: image.height,
      uploadedById: actor.id,
    },
  });
  await recordAudit(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'image.upload',
      targetType: 'Image',
      targetId: row.id,
      details: {
        caseId,
        kind,
        contentHash: stored.contentHash,
        reusedStoredFile: stored.reused,
        originalName: file.name,
      },
      ip: actor.ip,
    },
    db,
  );
  return { image: row, reusedStoredFile: stored.reused };
}

/** An image ready to send to a browser. */
export interface DisplayImage {
  bytes: Uint8Array;
  contentType: string;
  contentHash: string;
}

// Browsers show JPEG and PNG; BMP (PH2) and TIFF (JAFFE) are converted to PNG on the way out.
async function displayBytes(bytes: Buffer, mimeType: string, name: string): Promise<DisplayImage['bytes']> {
  if (mimeType === 'image/bmp') return encodePng(await decodeImageBuffer(bytes, name));
  if (mimeType === 'image/tiff') return sharp(bytes).png().toBuffer();
  return bytes;
}

/** The stored image as JPEG or PNG for display; 404 when there is no such image. */
export async function readImageForDisplay(
  id: string,
  actor: Actor,
  db: Db = getDb(),
  storageDir: string = resolveStorageDir(),
): Promise<DisplayImage> {
  const image = await db.image.findUnique({ where: { id } });
  if (!image) throw new ServiceError(404, `There is no image with id "${id}".`, 'id');
  const stored = await readStoredBytes(image.storageKey, storageDir);
  const bytes = await displayBytes(stored, image.mimeType, image.originalName ?? image.id);
  await recordAudit(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'image.read',
      targetType: 'Image',
      targetId: id,
      details: { caseId: image.caseId },
      ip: actor.ip,
    },
    db,
  );
  const contentType = image.mimeType === 'image/jpeg' ? 'image/jpeg' : 'image/png';
  return { bytes, contentType, contentHash: image.contentHash };
}
