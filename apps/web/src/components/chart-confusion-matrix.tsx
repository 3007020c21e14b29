'use client';

import { useMemo } from 'react';
import { EChart } from './chart-echarts';

/**
 * A confusion matrix as a heat map: rows are the reference (true class, or the clinician), columns
 * the prediction (the model). Cells show counts; the colour is the share of the row, so a class's
 * recall reads along the diagonal whatever its size.
 */
export function ConfusionMatrixChart({
  labels,
  matrix,
  rowTitle,
  columnTitle,
  label,
}: {
  labels: string[];
  matrix: number[][];
  rowTitle: string;
  columnTitle: string;
  label: string;
}) {
  const option = useMemo(() => {
    const rowTotals = matrix.map((row) => row.reduce((sum, count) => sum + count, 0));
    // White text where the cell is dark (the colour scale passes its midpoint near a share of 0.5).
    const data = matrix.flatMap((row, i) =>
      row.map((count, j) => {
        const share = rowTotals[i] === 0 ? 0 : count / rowTotals[i];
        return { value: [j, i, share, count], label: { color: share > 0.5 ? '#ffffff' : '#0f172a' } };
      }),
    );
    const longest = Math.max(...labels.map((name) => name.length));
    return {
      tooltip: {
        formatter: (params: { value: number[] }) => {
          const [j, i, share, count] = params.value;
          return `${rowTitle} <b>${labels[i]}</b>, ${columnTitle.toLowerCase()} <b>${labels[j]}</b><br/>${count} (${(share * 100).toFixed(1)}% of the row)`;
        },
      },
      grid: { left: 16 + longest * 7 + 24, right: 16, top: 8, bottom: 56 + longest * 3 },
      xAxis: {
        type: 'category',
        data: labels,
        name: columnTitle,
        nameLocation: 'middle',
        nameGap: 28 + longest * 3,
        axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 },
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: labels,
        inverse: true,
        name: rowTitle,
        nameLocation: 'middle',
        nameGap: longest * 7 + 14,
        axisLabel: { interval: 0 },
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max: 1,
        dimension: 2,
        show: false,
        inRange: { color: ['#f8fafc', '#bae6fd', '#0284c7', '#075985'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: {
            show: true,
            formatter: (params: { value: number[] }) => String(params.value[3]),
            fontWeight: 600,
          },
          emphasis: { itemStyle: { borderColor: '#0f172a', borderWidth: 1 } },
        },
      ],
    };
  }, [labels, matrix, rowTitle, columnTitle]);
  return <EChart option={option} height={Math.max(260, 36 * labels.length + 110)} label={label} />;
}
