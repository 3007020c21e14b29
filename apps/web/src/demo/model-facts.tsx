// What each model in the demo is: version, size, and the accuracy its card measured on held-out data.
import type { DemoModelInfo, DemoModels, DemoPosedModel, DemoTask } from './demo-model-info';

const TASK_TITLES: Record<DemoTask, string> = {
  fer: 'Facial expressions',
  'lesion-segmentation': 'Lesion segmentation',
  'lesion-classification': 'Lesion classification',
};

const FIGURE_NAMES: Record<string, string> = {
  accuracy: 'accuracy',
  balancedAccuracy: 'balanced accuracy',
  macroF1: 'macro-F1',
  rocAucMacro: 'macro ROC AUC',
  dice: 'Dice',
  jaccard: 'Jaccard',
  flagged: 'flagged as unusual',
  n: 'images',
};

function figure(name: string, value: number): string {
  if (name === 'n') return value.toLocaleString('en');
  return name === 'dice' || name === 'jaccard' || name === 'rocAucMacro'
    ? value.toFixed(3)
    : `${(value * 100).toFixed(1)}%`;
}

function ModelCardSummary({
  info,
  title,
  testId,
  weights,
}: {
  info: Pick<DemoModelInfo, 'name' | 'version' | 'architecture' | 'downloadBytes' | 'metrics'>;
  title: string;
  testId: string;
  /** What the download holds, e.g. "uint8 weights". */
  weights: string;
}) {
  return (
    <div data-testid={testId}>
      <dt className="font-medium text-slate-900">
        {title}: {info.name}{' '}
        <span className="font-normal text-slate-600" data-testid="model-version">
          version {info.version}
        </span>
      </dt>
      <dd className="mt-0.5 text-slate-600">
        {info.architecture}; {weights}, {(info.downloadBytes / 1024 / 1024).toFixed(1)} MB to download once.
      </dd>
      {info.metrics.map(({ set, figures }) => (
        <dd key={set} className="text-slate-600">
          <span className="text-slate-800">{set}:</span>{' '}
          {figures
            .map(({ name, value }) => `${FIGURE_NAMES[name] ?? name} ${figure(name, value)}`)
            .join(', ')}
        </dd>
      ))}
    </div>
  );
}

/** The models section of the demo page, from the registry and model cards. */
export function ModelFacts({ models, posed }: { models: DemoModels; posed: DemoPosedModel }) {
  return (
    <dl className="space-y-3 text-sm">
      {(Object.keys(TASK_TITLES) as DemoTask[]).map((task) => {
        const entry = models[task];
        return entry.ok ? (
          <ModelCardSummary
            key={task}
            info={entry.info}
            title={TASK_TITLES[task]}
            testId={`model-facts-${task}`}
            weights={`${entry.info.quantization} weights`}
          />
        ) : (
          <div key={task}>
            <dt className="font-medium text-slate-900">{TASK_TITLES[task]}</dt>
            <dd className="text-red-700">Not available: {entry.error}</dd>
          </div>
        );
      })}
      {posed?.ok ? (
        <ModelCardSummary
          info={posed.info}
          title="Posed expressions (a second reading, on request)"
          testId="model-facts-fer-posed"
          weights={posed.info.cnnUrl ? 'svm.json and its feature CNN' : 'svm.json'}
        />
      ) : null}
    </dl>
  );
}
