import { ChartFigure } from '../../../components/chart-figure';
import { ConfusionMatrixChart } from '../../../components/chart-confusion-matrix';
import { GroupedBarsChart } from '../../../components/chart-grouped-bars';
import { formatMetric, HeadlineFigures } from '../../../components/chart-headline';
import { ReliabilityChart } from '../../../components/chart-reliability';
import { RocCurvesChart } from '../../../components/chart-roc-curves';
import { RocPointsChart, type RocPoint } from '../../../components/chart-roc-points';
import type {
  ClassificationEvaluation,
  ModelEvaluation,
  ScoringDecision,
  SegmentationEvaluation,
} from '../../../server/model-metrics';

const RULE_NAMES: Record<string, string> = {
  'logit-adjustment': 'the balanced decision rule (logit adjustment fitted on validation)',
};

/** The decision a scoring's class-level figures use, in words, from the card. */
function decisionText({ rule, modelUsesRule }: ScoringDecision): { short: string; sentence: string } {
  if (rule === 'clinical-metadata-fusion') {
    return {
      short: 'image + age, sex, site',
      sentence:
        "At the fusion of the image with the patient's age, sex and body site (metadata-fusion.json, fitted on validation), the diagnosis this model reports when a case records them",
    };
  }
  if (rule !== null) {
    const name = RULE_NAMES[rule] ?? `the decision rule "${rule}"`;
    return {
      short: rule === 'logit-adjustment' ? 'balanced rule' : rule,
      sentence: `At ${name}${modelUsesRule ? ', the decision this model reports' : ''}`,
    };
  }
  return {
    short: 'argmax',
    sentence: `At the argmax decision (most probable class)${modelUsesRule ? '; the model reports its diagnosis with its balanced decision rule, whose scoring is charted separately on this page' : ''}`,
  };
}

function rocPoints(evaluation: ClassificationEvaluation): RocPoint[] {
  const points: RocPoint[] = (evaluation.perClass ?? []).flatMap((scores) =>
    scores.fpr !== null && scores.tpr !== null ? [{ name: scores.label, fpr: scores.fpr, tpr: scores.tpr }] : [],
  );
  if (evaluation.binary) {
    const { positiveClass, sensitivity, specificity, auc } = evaluation.binary;
    points.push({
      name: `${positiveClass} vs rest${auc === null ? '' : `, AUC ${formatMetric(auc)}`}`,
      fpr: 1 - specificity,
      tpr: sensitivity,
      binary: true,
    });
  }
  return points;
}

function Classification({ evaluation, cardFile }: { evaluation: ClassificationEvaluation; cardFile: string }) {
  const points = rocPoints(evaluation);
  const auc = evaluation.headline.find((metric) => metric.key === 'rocAucMacro');
  const ece = evaluation.headline.find((metric) => metric.key === 'ece');
  const binned = evaluation.reliabilityBins?.reduce((sum, bin) => sum + bin.count, 0) ?? 0;
  const decision = decisionText(evaluation.decision);
  return (
    <div className="mt-4 grid gap-4 xl:grid-cols-2">
      <ChartFigure
        title="Confusion matrix"
        caption={`Rows: true class; columns: predicted class (${decision.short}). Counts in the cells; colour is the share of the row (recall on the diagonal). From ${cardFile}.`}
      >
        <ConfusionMatrixChart
          labels={evaluation.labels}
          matrix={evaluation.confusionMatrix}
          rowTitle="True class"
          columnTitle="Predicted"
          label={`Confusion matrix of ${evaluation.name}`}
        />
      </ChartFigure>
      {evaluation.rocCurves && evaluation.rocCurves.length > 0 ? (
        <ChartFigure
          title="ROC curves"
          caption={`Each class one-vs-rest over all thresholds, from the curve points in ${cardFile} (at most 100 per class, the full curve's shape); the AUC in the legend is the full curve's${auc ? `, macro ${formatMetric(auc.value)}` : ''}. Dashed: chance.`}
        >
          <RocCurvesChart curves={evaluation.rocCurves} label={`ROC curves of ${evaluation.name}`} />
        </ChartFigure>
      ) : null}
      {evaluation.reliabilityBins ? (
        <ChartFigure
          title="Reliability diagram"
          caption={`${binned} items binned by their top-class probability; bars: share classified right; diamonds: mean confidence; dashed: perfect calibration${ece ? `. ECE ${formatMetric(ece.value)}` : ''}. From ${cardFile}.`}
        >
          <ReliabilityChart bins={evaluation.reliabilityBins} label={`Reliability diagram of ${evaluation.name}`} />
        </ChartFigure>
      ) : null}
      {points.length > 0 ? (
        <ChartFigure
          title="ROC space: operating points"
          caption={
            <>
              Each class one-vs-rest. {decision.sentence}
              {auc ? `; macro AUC over the full curves ${formatMetric(auc.value)}` : ''}.{' '}
              {evaluation.rocCurves
                ? 'The curves themselves are in the ROC curves chart.'
                : "The card keeps one operating point per class, not the curves' points, so the curves themselves are not drawn."}
            </>
          }
        >
          <RocPointsChart points={points} label={`ROC operating points of ${evaluation.name}`} />
        </ChartFigure>
      ) : null}
      {evaluation.perClass ? (
        <ChartFigure title="Per-class precision, recall and F1" caption={`On the same test set. ${decision.sentence}.`}>
          <GroupedBarsChart
            categories={evaluation.perClass.map((scores) => scores.label)}
            series={[
              { name: 'Precision', values: evaluation.perClass.map((scores) => scores.precision) },
              { name: 'Recall', values: evaluation.perClass.map((scores) => scores.recall) },
              { name: 'F1', values: evaluation.perClass.map((scores) => scores.f1) },
            ]}
            label={`Per-class scores of ${evaluation.name}`}
          />
        </ChartFigure>
      ) : null}
      {evaluation.missing.length > 0 ? (
        <div
          data-testid="not-in-card"
          className="self-start rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          <p className="font-medium">Not in the model card, so not charted</p>
          <ul className="mt-1 list-disc pl-5">
            {evaluation.missing.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <p className="mt-1 text-xs">
            Cards written before the trainer stored curve data lack these; re-running{' '}
            <code>trainer evaluate</code> and putting its metrics in the card adds them. No chart here is drawn
            from estimated data.
          </p>
        </div>
      ) : null}
    </div>
  );
}

const OVERLAP_METRICS = new Set(['dice', 'jaccard', 'thresholdedJaccard']);

function Segmentation({ evaluation }: { evaluation: SegmentationEvaluation }) {
  const baseline = evaluation.baseline;
  if (!baseline) return null;
  const shared = evaluation.headline.flatMap((metric) => {
    const other = baseline.headline.find((candidate) => candidate.key === metric.key);
    return OVERLAP_METRICS.has(metric.key) && other ? [{ label: metric.label, model: metric.value, baseline: other.value }] : [];
  });
  if (shared.length === 0) return null;
  return (
    <div className="mt-4 max-w-2xl">
      <ChartFigure
        title={`Model against the ${baseline.name} baseline`}
        caption={`Mean overlap with the expert masks on the same held-out images (n = ${evaluation.n ?? 'not recorded'}).`}
      >
        <GroupedBarsChart
          categories={shared.map((metric) => metric.label)}
          series={[
            { name: 'Model', values: shared.map((metric) => metric.model) },
            { name: baseline.name, values: shared.map((metric) => metric.baseline) },
          ]}
          label={`Segmentation overlap of ${evaluation.name} against ${baseline.name}`}
        />
      </ChartFigure>
    </div>
  );
}

/** One evaluation of a model card: its headline figures and the charts its data allows. */
export function EvaluationSection({ evaluation, cardFile }: { evaluation: ModelEvaluation; cardFile: string }) {
  const n = evaluation.kind === 'other' ? null : evaluation.n;
  const figures = [
    ...(n === null ? [] : [{ label: 'Test items (n)', value: formatMetric(n) }]),
    ...evaluation.headline.map((metric) => ({ label: metric.label, value: formatMetric(metric.value) })),
  ];
  const headingId = `evaluation-${evaluation.name.replace(/[^A-Za-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={headingId} className="mt-8">
      <h2 id={headingId} className="mb-3 text-sm font-semibold text-slate-900">
        {evaluation.name}
      </h2>
      <HeadlineFigures figures={figures} label={`Headline metrics of ${evaluation.name}`} />
      {evaluation.kind === 'classification' ? <Classification evaluation={evaluation} cardFile={cardFile} /> : null}
      {evaluation.kind === 'segmentation' ? <Segmentation evaluation={evaluation} /> : null}
    </section>
  );
}
