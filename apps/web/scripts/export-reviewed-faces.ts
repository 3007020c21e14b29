// In-app data for fine-tuning: writes the faces clinicians reviewed (each image's current signed-off
// emotion reading on the main face of its latest face analysis) as 48x48 gray crops in an emotion
// folder, from the portal's database and image storage (the same VISIONCAD_* settings as the portal).
//   npx tsx apps/web/scripts/export-reviewed-faces.ts --out <folder>
// then, e.g., fine-tune the FER model with them beside FER2013:
//   npm run trainer -- train --task fer --data <fer2013> --format fer2013-folder --arch seed000 \
//     --init-from <model> --auxiliary emotion-folder:<folder> ...
import { parseArgs } from 'node:util';
import { ensureDatabase, getDb, resolveStorageDir } from '@visioncad/db';
import { productionModel } from '../src/server/analysis-models';
import { exportReviewedFaces } from '../src/server/reviewed-faces';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
  console.error('export-reviewed-faces: pass --out <folder> (written as <emotion>/<patient>_<image id>.png)');
  process.exit(2);
}
// Migrated (and created, on a machine the portal has not run on yet) as the portal does at start.
await ensureDatabase({ log: () => undefined });
const db = getDb();
try {
  // Cut as the portal cuts faces for the FER model: by the eyes (landmarks', else the box's) at its
  // training framing.
  const framing = await productionModel('fer').then(
    (fer) => fer.card.input.faceFraming,
    (error: Error) => {
      console.error(`export-reviewed-faces: every face is cut by its box (${error.message})`);
      return undefined;
    },
  );
  const result = await exportReviewedFaces({ db, storageDir: resolveStorageDir(), out: values.out, framing });
  const counts = new Map<string, number>();
  for (const w of result.written) counts.set(w.emotion, (counts.get(w.emotion) ?? 0) + 1);
  const cuts = (cut: string) => result.written.filter((w) => w.cut === cut).length;
  console.log(
    `export-reviewed-faces: ${result.written.length} face(s) written to ${values.out}, ${cuts('eyes')} cut by the ` +
      `landmarks' eyes at the fer model's framing, ${cuts('box-eyes')} by the eyes their box holds on average ` +
      `(analyses without landmarks), ${cuts('box')} by the box (no framing)` +
      (counts.size ? ` (${[...counts].map(([e, n]) => `${e} ${n}`).join(', ')})` : ''),
  );
  for (const s of result.skipped)
    console.log(`skipped image ${s.imageId} (review ${s.reviewId}): ${s.reason}`);
} finally {
  await db.$disconnect();
}
