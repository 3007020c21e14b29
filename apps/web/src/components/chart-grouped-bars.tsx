'use client';

import { useMemo } from 'react';
import { EChart } from './chart-echarts';

/** One series of bars: a value per category. */
export interface BarSeries {
  name: string;
  values: number[];
}

/** Grouped vertical bars of scores in [0, 1] per category (per-class precision/recall/F1, Dice vs baseline). */
export function GroupedBarsChart({
  categories,
  series,
  label,
  height = 300,
}: {
  categories: string[];
  series: BarSeries[];
  label: string;
  height?: number;
}) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => value.toFixed(3) },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 64 },
      xAxis: {
        type: 'category',
        data: categories,
        axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', min: 0, max: 1 },
      // With few bars the values fit above them; with many they would overlap (the tooltip has them).
      series: series.map((item) => ({
        type: 'bar',
        name: item.name,
        data: item.values,
        barMaxWidth: 28,
        label: {
          show: categories.length * series.length <= 8,
          position: 'top',
          formatter: (params: { value: number }) => params.value.toFixed(3),
        },
      })),
    }),
    [categories, series],
  );
  return <EChart option={option} height={height} label={label} />;
}
