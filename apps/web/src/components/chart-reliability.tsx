'use client';

import { useMemo } from 'react';
import { EChart } from './chart-echarts';

/** One confidence bin of a reliability diagram. */
export interface ReliabilityBar {
  lower: number;
  upper: number;
  count: number;
  accuracy: number;
  confidence: number;
}

/**
 * Reliability diagram: per top-label confidence bin, a bar of the share of items classified right,
 * the perfect-calibration diagonal (the bin's middle) and the bin's mean confidence. Empty bins
 * have no bar.
 */
export function ReliabilityChart({ bins, label }: { bins: ReliabilityBar[]; label: string }) {
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const bin = bins[params[0].dataIndex];
          return bin.count === 0
            ? `Confidence ${bin.lower.toFixed(2)}–${bin.upper.toFixed(2)}: no items`
            : `Confidence ${bin.lower.toFixed(2)}–${bin.upper.toFixed(2)}<br/>${bin.count} items, accuracy ${bin.accuracy.toFixed(3)}, mean confidence ${bin.confidence.toFixed(3)}`;
        },
      },
      legend: { bottom: 0 },
      grid: { left: 56, right: 24, top: 16, bottom: 88 },
      xAxis: {
        type: 'category',
        data: bins.map((bin) => bin.upper.toFixed(2)),
        name: 'Top-class confidence (bin upper edge)',
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: { type: 'value', min: 0, max: 1, name: 'Accuracy', nameLocation: 'middle', nameGap: 36 },
      series: [
        {
          type: 'bar',
          name: 'Accuracy',
          data: bins.map((bin) => (bin.count === 0 ? null : bin.accuracy)),
          barCategoryGap: '8%',
        },
        {
          type: 'scatter',
          name: 'Mean confidence',
          data: bins.map((bin) => (bin.count === 0 ? null : bin.confidence)),
          symbol: 'diamond',
          symbolSize: 9,
          itemStyle: { color: '#d97706' },
        },
        {
          type: 'line',
          name: 'Perfect calibration',
          data: bins.map((bin) => (bin.lower + bin.upper) / 2),
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#94a3b8', width: 1 },
          itemStyle: { color: '#94a3b8' },
        },
      ],
    }),
    [bins],
  );
  return <EChart option={option} height={360} label={label} />;
}
