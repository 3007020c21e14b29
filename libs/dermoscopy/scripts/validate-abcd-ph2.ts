// Compares automatic ABCD asymmetry and colours with the PH2 experts (on the expert masks).
// npx tsx libs/dermoscopy/scripts/validate-abcd-ph2.ts --data /work/shared/data/ph2 --out libs/dermoscopy/reports/abcd-ph2.json
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { parseScriptArgs } from '../src/node/cli-args';
import { validateAbcdOnPh2 } from '../src/node/validate-abcd-ph2';

const usage = 'validate-abcd-ph2.ts --data <PH2 folder> --out <report.json>';
const args = parseScriptArgs(usage, { data: { type: 'string' }, out: { type: 'string' } }, ['data', 'out']);
const out = String(args.out);
let done = 0;
const report = await validateAbcdOnPh2(
  String(args.data),
  `npx tsx libs/dermoscopy/scripts/validate-abcd-ph2.ts --data <PH2> --out ${out}`,
  () => {
    if (++done % 20 === 0) process.stderr.write(`measured ${done} cases\n`);
  },
);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `asymmetry held-out: QWK ${report.asymmetry.heldOut.quadraticWeightedKappa}, accuracy ${report.asymmetry.heldOut.accuracy}`,
);
console.log(
  `colour count held-out: QWK ${report.colours.heldOut.count.quadraticWeightedKappa}, accuracy ${report.colours.heldOut.count.accuracy}`,
);
console.log(`wrote ${out}`);
