// Compares automatic ABCD asymmetry, colours and dermoscopic structures with the PH2 experts (on the
// expert masks), tuning on one half and reporting the other.
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
  (what) => {
    if (!/^IMD\d+$/.test(what)) process.stderr.write(`D tuning: ${what}\n`);
    else if (++done % 20 === 0) process.stderr.write(`measured ${done} cases\n`);
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
const s = report.structures.heldOut;
console.log(
  `D held-out kappa: dots/globules ${s.dotsOrGlobules.kappa}, streaks ${s.streaks.kappa}, network lesion vs skin ${s.network.lesionVsSkin.kappa}`,
);
console.log(`wrote ${out}`);
