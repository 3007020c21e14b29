// What each model in the demo is: version, size, and the accuracy its card measured on held-out data.
import type { DemoModelInfo, DemoModels, DemoTask } from './demo-model-info';

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
  n: 'images',
};

function figure(name: string, value: number): string {
  if (name === 'n') return value.toLocaleString('en');
  return name === 'dice' || name === 'jaccard' || name === 'rocAucMacro'
    ? value.toFixed(3)
    : `${(value * 100).toFixed(1)}%`;
}

function ModelCardSummary({ info }: { info: DemoModelInfo }) {
  return (
    <div data-testid={`model-facts-${info.task}`}>
      <dt className="font-medium text-slate-900">
        {TASK_TITLES[info.task]}: {info.name}{' '}
        <span className="font-normal text-slate-600" data-testid="model-version">
          version {info.version}
        </span>
      </dt>
      <dd className="mt-0.5 text-slate-600">
        {info.architecture}; {info.quantization} weights, {(info.downloadBytes / 1024 / 1024).toFixed(1)} MB
        to download once.
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
export function ModelFacts({ models }: { models: DemoModels }) {
  return (
    <dl className="space-y-3 text-sm">
      {(Object.keys(TASK_TITLES) as DemoTask[]).map((task) => {
        const entry = models[task];
        return entry.ok ? (
          <ModelCardSummary key={task} info={entry.info} />
        ) : (
          <div key={task}>
            <dt className="font-medium text-slate-900">{TASK_TITLES[task]}</dt>
            <dd className="text-red-700">Not available: {entry.error}</dd>
          </div>
        );
      })}
    </dl>
  );
}
