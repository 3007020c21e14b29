// Loss and accuracy per epoch, training against validation, from the epoch log of `fit`.
import { lineChart } from './line-chart';
import { svgDocument } from './svg';

/** One epoch's log entry (Keras names: loss, val_loss, accuracy, val_accuracy ...). */
export type EpochMetrics = { epoch: number } & Record<string, number>;

/** Renders loss and accuracy curves side by side as an SVG document. */
export function trainingCurvesSvg(history: readonly EpochMetrics[], title = 'Training curves'): string {
  if (history.length === 0) throw new Error('training curves need at least one epoch in the history');
  const epochs = history.map((h) => h.epoch + 1);
  const column = (key: string) => history.map((h) => (typeof h[key] === 'number' ? h[key] : Number.NaN));
  const panel = (keys: string[]) =>
    keys
      .filter((k) => history.some((h) => typeof h[k] === 'number'))
      .map((k) => ({ label: k, x: epochs, y: column(k) }));
  const xDomain: [number, number] = [1, Math.max(2, epochs[epochs.length - 1])];
  return svgDocument(900, 400, [
    ...lineChart(panel(['loss', 'val_loss']), {
      left: 70,
      top: 50,
      width: 340,
      height: 290,
      title: `${title}: loss`,
      xLabel: 'epoch',
      yLabel: 'loss',
      xDomain,
    }),
    ...lineChart(panel(['accuracy', 'val_accuracy']), {
      left: 520,
      top: 50,
      width: 340,
      height: 290,
      title: `${title}: accuracy`,
      xLabel: 'epoch',
      yLabel: 'accuracy',
      xDomain,
    }),
  ]);
}
