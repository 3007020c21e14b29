'use client';

import { useMemo } from 'react';
import { EChart } from './chart-echarts';

/** A point in ROC space: false positive rate against true positive rate. */
export interface RocPoint {
  name: string;
  fpr: number;
  tpr: number;
  /** A binary (positive class vs rest) point is drawn as an open diamond, so a class point under it stays visible. */
  binary?: boolean;
}

/**
 * Operating points in ROC space (one per class, one-vs-rest, at the decision the card's scoring used:
 * argmax or a decision rule; the caller's caption says which) with
 * the chance diagonal. Points, not curves: cards keep each class's rates at one threshold.
 */
export function RocPointsChart({ points, label }: { points: RocPoint[]; label: string }) {
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
        ...points.map((point) => ({
          type: 'scatter',
          name: point.name,
          symbol: point.binary ? 'diamond' : 'circle',
          symbolSize: point.binary ? 20 : 11,
          itemStyle: point.binary
            ? { color: 'transparent', borderColor: '#7c3aed', borderWidth: 2 }
            : undefined,
          data: [[point.fpr, point.tpr]],
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
    [points],
  );
  return <EChart option={option} height={400} label={label} />;
}
