import { Paper, Typography } from '@mui/material';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslate } from 'react-admin';
import { formatStep } from './kl-control.js';
import type { MetricSeries } from './training-queries.js';

/** Series on a shared step axis: every step any of them reported, null where one has no value. */
export function alignSeries(series: MetricSeries[]): { steps: number[]; data: (number | null)[][] } {
  const steps = [...new Set(series.flatMap((entry) => entry.steps))].sort((left, right) => left - right);
  const data = series.map((entry) => {
    const byStep = new Map(entry.steps.map((step, index) => [step, entry.values[index] ?? null]));
    return steps.map((step) => byStep.get(step) ?? null);
  });
  return { steps, data };
}

/** Axis ticks readable at any scale: 0.00042 → "4.2e-4", 1234.5 → "1235", 0.5 → "0.5". */
function formatTick(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 0.01 || magnitude >= 1e5) return value.toExponential(1).replace('e-', 'e-').replace('e+', 'e');
  return magnitude >= 100 ? value.toFixed(0) : String(Number(value.toPrecision(3)));
}

const EARLIER_ATTEMPT_GREY = '#bdbdbd';

/** A horizontal line across a chart (a target, or a band's edge). */
export interface ReferenceLine {
  y: number;
  label: string;
}

/**
 * One chart of the named metrics of a run's current attempt (those it has), with the same metrics of `earlier`
 * attempts greyed behind them; nothing when the current attempt has none of them.
 */
export function MetricChart({
  title,
  metrics,
  names,
  earlier = [],
  referenceLines = [],
}: {
  title: string;
  metrics: MetricSeries[];
  names: string[];
  earlier?: MetricSeries[];
  referenceLines?: ReferenceLine[];
}) {
  const translate = useTranslate();
  const shown = names
    .map((name) => metrics.find((entry) => entry.name === name))
    .filter((entry): entry is MetricSeries => !!entry);
  if (shown.length === 0) return null;
  const greyed = earlier.filter((entry) => names.includes(entry.name));
  const { steps, data: aligned } = alignSeries([...greyed, ...shown]);
  const greyedSeries = greyed.map((entry, index) => ({
    label: `${entry.name} · ${translate('clinrank.training.earlier_attempt', { attempt: entry.attempt })}`,
    data: aligned[index]!,
    color: EARLIER_ATTEMPT_GREY,
    connectNulls: true,
    curve: 'linear' as const,
    showMark: false,
  }));
  const data = aligned.slice(greyed.length);
  // one step alone would make a zero-width domain, whose ticks read "700.000000"
  const single = steps.length === 1 ? { min: steps[0]! - 1, max: steps[0]! + 1 } : {};
  const values = aligned.flat().filter((value): value is number => value !== null);
  const lines = referenceLines.filter((line) => Number.isFinite(line.y));
  const yRange = lines.length
    ? {
        min: Math.min(0, ...values, ...lines.map((line) => line.y)),
        max: Math.max(...values, ...lines.map((line) => line.y)) * 1.05,
      }
    : {};
  return (
    <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }}>
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
      <LineChart
        height={240}
        skipAnimation
        xAxis={[
          {
            scaleType: 'linear',
            data: steps,
            label: translate('clinrank.training.step'),
            tickMinStep: 1,
            valueFormatter: (value: number) => formatStep(value),
            ...single,
          },
        ]}
        yAxis={[{ width: 64, valueFormatter: (value: number) => formatTick(value), ...yRange }]}
        series={[
          ...greyedSeries,
          ...shown.map((entry, index) => ({
            label: entry.name,
            data: data[index]!,
            connectNulls: true,
            curve: 'linear' as const,
            showMark: steps.length < 40,
          })),
        ]}
      >
        {lines.map((line) => (
          <ChartsReferenceLine
            key={line.label}
            y={line.y}
            label={line.label}
            labelAlign="end"
            lineStyle={{ strokeDasharray: '6 4' }}
            labelStyle={{ fontSize: 11 }}
          />
        ))}
      </LineChart>
    </Paper>
  );
}
