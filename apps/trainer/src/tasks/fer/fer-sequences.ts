// Frame-sequence samples for sequence models (CNN-BiLSTM): a dataset's frames grouped into their
// sequences (CK+48 keeps the last 3 frames of each), stacked as the channels of one face.
import { groupCkplusSequences, stackFrames } from '@visioncad/fer';
import type { FerFace } from './fer-datasets';

/**
 * One face per sequence, whose image holds the sequence's last `frames` frames as channels (frame
 * order). Needs faces with a subject, sequence and frame number (ckplus48); a sequence with fewer
 * frames is an error naming it.
 */
export function ferSequenceFaces(faces: readonly FerFace[], frames: number): FerFace[] {
  const missing = faces.find(
    (f) => f.subject === undefined || f.sequence === undefined || f.frame === undefined,
  );
  if (missing) {
    throw new Error(
      `${missing.source}: a sequence model needs frames with a subject, sequence and frame number (--format ckplus48)`,
    );
  }
  const sequences = groupCkplusSequences(
    faces.map((f) => ({ ...f, subject: f.subject!, sequence: f.sequence!, frame: f.frame!, path: f.source })),
  );
  return sequences.map((s) => {
    if (s.frames.length < frames) {
      throw new Error(
        `sequence ${s.id} (${s.frames[0].source}) has ${s.frames.length} frame(s); the model takes ${frames}`,
      );
    }
    const last = s.frames.slice(-frames);
    return {
      source: `${last[0].source} (sequence ${s.id}, ${frames} frames)`,
      image: stackFrames(last.map((f) => f.image)),
      emotion: s.emotion,
      subject: s.subject,
      sequence: s.id,
    };
  });
}
