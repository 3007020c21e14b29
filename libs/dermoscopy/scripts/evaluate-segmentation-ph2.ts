// Dice/Jaccard of the classical Otsu segmentation baseline against the PH2 expert masks.
// npx tsx libs/dermoscopy/scripts/evaluate-segmentation-ph2.ts --data /work/shared/data/ph2 --out libs/dermoscopy/reports/segmentation-otsu-ph2.json
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { parseScriptArgs } from '../src/node/cli-args';
import { evaluateOtsuOnPh2 } from '../src/node/evaluate-segmentation-ph2';

const usage = 'evaluate-segmentation-ph2.ts --data <PH2 folder> --out <report.json>';
const args = parseScriptArgs(usage, { data: { type: 'string' }, out: { type: 'string' } }, ['data', 'out']);
const out = String(args.out);
let done = 0;
const report = await evaluateOtsuOnPh2(
  String(args.data),
  `npx tsx libs/dermoscopy/scripts/evaluate-segmentation-ph2.ts --data <PH2> --out ${out}`,
  () => {
    if (++done % 20 === 0) process.stderr.write(`segmented ${done} cases\n`);
  },
);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `held-out (${report.heldOut.n} cases): mean Dice ${report.heldOut.meanDice}, mean Jaccard ${report.heldOut.meanJaccard}`,
);
console.log(`wrote ${out}`);
