import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';

import type { ClassificationReport } from '@visioncad/vision-core/metrics';
import { shellWords } from '@visioncad/vision-core/models';

/** The command line that produced a report, relative to the repository root, for rerunning it. */
export function commandLine(): string {
  const script = relative(process.cwd(), process.argv[1]);
  return `npx tsx ${script} ${shellWords(process.argv.slice(2))}`.trim();
}

/** Writes a metric report as pretty JSON, creating its folder. */
export async function writeReport(path: string, report: object): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** One-screen summary of a classification report: headline numbers and the confusion matrix. */
export function summarize(title: string, report: ClassificationReport): string {
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  const width = Math.max(...report.labels.map((l) => l.length), 5);
  const rows = report.confusionMatrix.map(
    (row, i) => `  ${report.labels[i].padEnd(width)} ${row.map((v) => String(v).padStart(5)).join(' ')}`,
  );
  return [
    `${title}: n=${report.n} accuracy ${pct(report.accuracy)}, macro-F1 ${report.macroF1.toFixed(3)}, ` +
      `balanced accuracy ${pct(report.balancedAccuracy)}` +
      (report.rocAucMacro === null ? '' : `, macro ROC AUC ${report.rocAucMacro.toFixed(3)}`),
    `  ${''.padEnd(width)} ${report.labels.map((l) => l.slice(0, 5).padStart(5)).join(' ')}   (rows true, columns predicted)`,
    ...rows,
  ].join('\n');
}
