import type { DermoscopyOutputs } from '../server/analysis-outputs';
import { TDS_BAND_TEXT } from '../server/analysis-outputs';
import { labelName, ProbabilityBars } from './analysis-probability-bars';
import { StatusBadge, type Tone } from './status-badge';

const BAND_TONE: Record<string, Tone> = {
  benign: 'success',
  suspicious: 'warning',
  highly_suspicious: 'danger',
};

function words(names: string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => n.replaceAll('_', ' ')).join(', ');
}

/** ABCD sub-scores, diameter, TDS band and the diagnosis probabilities of a dermoscopy analysis. */
export function DermoscopySummary({ outputs }: { outputs: DermoscopyOutputs }) {
  const { abcd } = outputs;
  // A classifier with a balanced decision rule (calibration.json) may report a rarer diagnosis than
  // the most probable one; the probabilities below stay the calibrated ones.
  const topProbability = Math.max(...outputs.probabilities.map((p) => p.probability));
  const mostProbable =
    outputs.probabilities.find((p) => p.label === outputs.topLabel)?.probability === topProbability;
  // With the case's age, sex and site the diagnosis comes from the clinical-metadata fusion; the
  // image-only diagnosis is shown beside it.
  const fused =
    outputs.decisionRule === 'clinical-metadata-fusion' && outputs.imageOnly ? outputs.imageOnly : null;
  const used = outputs.clinicalMetadata;
  const usedText = used
    ? [
        used.ageYears !== null ? `${used.ageYears} y` : null,
        used.sex,
        used.site !== null ? `site: ${used.site}` : null,
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  return (
    <div className="space-y-4">
      <div>
        <p className="text-xs uppercase tracking-wide text-slate-500">
          {fused
            ? 'Diagnosis (image + age, sex and site)'
            : mostProbable
              ? 'Most probable diagnosis'
              : 'Diagnosis (balanced decision rule)'}
        </p>
        <p className="text-base font-semibold text-slate-900" data-testid="top-diagnosis">
          {labelName(outputs.topLabel)}{' '}
          <span className="text-sm font-normal text-slate-500">
            {(outputs.probabilities.find((p) => p.label === outputs.topLabel)!.probability * 100).toFixed(1)}%
          </span>
        </p>
        {outputs.novelty?.unusual ? (
          <p
            className="mt-2 rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900"
            data-testid="image-novelty-warning"
          >
            This image is unlike the images the classifier was trained on (another dermatoscope, magnification
            or lighting, or not a dermoscopy image): distance {outputs.novelty.distance.toFixed(1)} against{' '}
            {outputs.novelty.threshold.toFixed(1)}, which {Math.round((1 - outputs.novelty.quantile) * 100)}%
            of its validation images exceed. Treat the diagnosis as less reliable.
          </p>
        ) : null}
        {fused ? (
          <p className="mt-1 text-xs text-slate-600" data-testid="image-only-diagnosis">
            Image alone: {labelName(fused.topLabel)}{' '}
            {(fused.probabilities.find((p) => p.label === fused.topLabel)!.probability * 100).toFixed(1)}% ·
            clinical data used: {usedText}
          </p>
        ) : null}
      </div>
      {abcd ? (
        <div>
          <div className="mb-1 flex flex-wrap items-center gap-2">
            <p className="text-xs uppercase tracking-wide text-slate-500">ABCD rule</p>
            <span data-testid="tds-band">
              <StatusBadge tone={BAND_TONE[abcd.band]}>
                TDS {abcd.tds.toFixed(2)} · {TDS_BAND_TEXT[abcd.band]}
              </StatusBadge>
            </span>
          </div>
          <table className="w-full text-xs" aria-label="ABCD values">
            <tbody className="divide-y divide-slate-100">
              <tr>
                <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-600">
                  Asymmetry
                </th>
                <td className="py-1 tabular-nums">
                  {abcd.asymmetry} <span className="text-slate-400">/ 2</span>
                </td>
                <td className="py-1 text-slate-500">asymmetric axes</td>
              </tr>
              <tr>
                <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-600">
                  Border
                </th>
                <td className="py-1 tabular-nums">
                  {abcd.border} <span className="text-slate-400">/ 8</span>
                </td>
                <td className="py-1 text-slate-500">abrupt sectors</td>
              </tr>
              <tr>
                <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-600">
                  Colours
                </th>
                <td className="py-1 tabular-nums">
                  {abcd.colours} <span className="text-slate-400">/ 6</span>
                </td>
                <td className="py-1 text-slate-500">{words(abcd.coloursPresent)}</td>
              </tr>
              <tr>
                <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-600">
                  Dermoscopic structures
                </th>
                <td className="py-1 tabular-nums">
                  {abcd.structures} <span className="text-slate-400">/ 5</span>
                </td>
                <td className="py-1 text-slate-500">{words(abcd.structuresPresent)}</td>
              </tr>
              <tr>
                <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-600">
                  Diameter
                </th>
                <td className="py-1 tabular-nums" colSpan={2}>
                  {abcd.diameterMm !== null ? `${abcd.diameterMm.toFixed(1)} mm · ` : ''}
                  {Math.round(abcd.diameterPx)} px
                  {abcd.diameterMm === null ? (
                    <span className="text-slate-400"> (no scale given)</span>
                  ) : null}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
          The segmentation found no lesion, so there are no ABCD values.
        </p>
      )}
      <div>
        <p className="mb-1 text-xs uppercase tracking-wide text-slate-500">
          Diagnosis probabilities ({fused ? 'image + clinical data, ' : ''}calibrated)
        </p>
        <ProbabilityBars
          probabilities={outputs.probabilities}
          topLabel={outputs.topLabel}
          caption="Diagnosis probabilities"
        />
      </div>
    </div>
  );
}
