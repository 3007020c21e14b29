'use client';

import { useMemo } from 'react';
import { EChart } from './chart-echarts';

/** A class's one-vs-rest ROC curve: false positive rates against true positive rates, with its AUC. */
export interface RocCurveLine {
  label: string;
  fpr: number[];
  tpr: number[];
  auc: number;
}

/** One-vs-rest ROC curves, one line per class named with its AUC, over the chance diagonal. */
export function RocCurvesChart({ curves, label }: { curves: RocCurveLine[]; label: string }) {
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (params: { seriesName: string; value: number[] }) =>
          `<b>${params.seriesName}</b><br/>TPR ${params.value[1].toFixed(3)} at FPR ${params.value[0].toFixed(3)}`,
      },
      legend: { bottom: 0 },
      grid: { left: 56, right: 24, top: 16, bottom: 96 },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: 'False positive rate',
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: 'True positive rate',
        nameLocation: 'middle',
        nameGap: 36,
      },
      series: [
        ...curves.map((curve) => ({
          type: 'line',
          name: `${curve.label} (AUC ${curve.auc.toFixed(3)})`,
          data: curve.fpr.map((fpr, i) => [fpr, curve.tpr[i]]),
          symbol: 'none',
          lineStyle: { width: 2 },
        })),
        {
          type: 'line',
          name: 'Chance',
          data: [
            [0, 0],
            [1, 1],
          ],
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#94a3b8', width: 1 },
          itemStyle: { color: '#94a3b8' },
          tooltip: { show: false },
        },
      ],
    }),
    [curves],
  );
  return <EChart option={option} height={400} label={label} />;
}
