import { Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { ErrorBars } from './error-bars.js';
import { LineChart } from '@mui/x-charts/LineChart';
import { ScatterChart } from '@mui/x-charts/ScatterChart';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { headlineAlpha, type AgreementSummary, type AnnotatorRow } from './agreement-queries.js';

const WEEKLY_LINES = 8;

/** A titled panel around one chart or table. */
export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** Formats a rate or coefficient to three decimals, or a dash when it is undefined. */
export function fixed(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '–' : value.toFixed(digits);
}

/** Alpha per criterion as bars, with the bootstrap interval and the other coefficients in a table below. */
export function AlphaPerCriterion({ summary }: { summary: AgreementSummary }) {
  const translate = useTranslate();
  const criteria = summary.criteria;
  return (
    <Panel title={translate('clinrank.agreement.alpha_per_criterion')}>
      <BarChart
        height={260}
        xAxis={[{ scaleType: 'band', data: criteria.map((criterion) => criterion.criterion) }]}
        yAxis={[{ min: Math.min(0, ...criteria.map((criterion) => headlineAlpha(criterion).low ?? 0)), max: 1 }]}
        series={[
          {
            label: translate('clinrank.agreement.alpha_with_interval'),
            data: criteria.map((criterion) => headlineAlpha(criterion).alpha),
          },
        ]}
      >
        <ErrorBars
          categories={criteria.map((criterion) => criterion.criterion)}
          lows={criteria.map((criterion) => headlineAlpha(criterion).low)}
          highs={criteria.map((criterion) => headlineAlpha(criterion).high)}
        />
      </BarChart>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('clinrank.agreement.criterion')}</TableCell>
            <TableCell>{translate('clinrank.agreement.level')}</TableCell>
            <TableCell align="right">{translate('clinrank.agreement.alpha')}</TableCell>
            <TableCell align="right">{translate('clinrank.agreement.interval')}</TableCell>
            <TableCell align="right">{translate('clinrank.agreement.percent_agreement')}</TableCell>
            <TableCell align="right">{translate('clinrank.agreement.fleiss')}</TableCell>
            {summary.kind === 'ranking' && (
              <TableCell align="right">{translate('clinrank.agreement.kendall_w')}</TableCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {criteria.flatMap((criterion) =>
            [criterion.alphaNominal, criterion.alphaOrdinal, criterion.alphaInterval].flatMap((alpha) =>
              alpha
                ? [
                    <TableRow key={`${criterion.criterion}-${alpha.level}`}>
                      <TableCell>{criterion.criterion}</TableCell>
                      <TableCell>{translate(`clinrank.agreement.levels.${alpha.level}`, { _: alpha.level })}</TableCell>
                      <TableCell align="right" title={alpha.reason ?? undefined}>
                        {alpha.alpha === null ? translate('clinrank.agreement.undefined') : fixed(alpha.alpha)}
                      </TableCell>
                      <TableCell align="right">
                        {alpha.low === null ? (
                          '–'
                        ) : (
                          <span dir="ltr">
                            [{fixed(alpha.low)}, {fixed(alpha.high)}]
                          </span>
                        )}
                      </TableCell>
                      <TableCell align="right">{fixed(criterion.percentAgreement)}</TableCell>
                      <TableCell align="right">{fixed(criterion.fleissKappa)}</TableCell>
                      {summary.kind === 'ranking' && <TableCell align="right">{fixed(criterion.kendallW)}</TableCell>}
                    </TableRow>,
                  ]
                : [],
            ),
          )}
        </TableBody>
      </Table>
    </Panel>
  );
}

/** Leave-one-out agreement against the number of labels, flagged annotators as their own series. */
export function AgreementVersusVolume({ annotators }: { annotators: AnnotatorRow[] }) {
  const translate = useTranslate();
  const point = (row: AnnotatorRow) => ({ id: row.coder, x: row.labels, y: row.looAgreement?.rate ?? 0 });
  const scored = annotators.filter((row) => row.looAgreement?.rate !== null && row.looAgreement?.rate !== undefined);
  const format = (value: { id?: string | number; x: number; y: number } | null) =>
    value && `${value.id}: ${fixed(value.y)} (${value.x})`;
  // The chart cannot index an empty series, so each group is only drawn when it has points.
  const series = [
    {
      label: translate('clinrank.agreement.not_flagged'),
      data: scored.filter((row) => !row.flagged).map(point),
      valueFormatter: format,
    },
    {
      label: translate('clinrank.agreement.flagged'),
      data: scored.filter((row) => row.flagged).map(point),
      color: '#d32f2f',
      valueFormatter: format,
    },
  ].filter((group) => group.data.length > 0);
  if (series.length === 0) return null;
  return (
    <Panel title={translate('clinrank.agreement.agreement_vs_volume')}>
      <ScatterChart
        height={300}
        xAxis={[{ label: translate('clinrank.agreement.labels'), min: 0 }]}
        yAxis={[{ label: translate('clinrank.agreement.loo'), min: 0, max: 1 }]}
        series={series}
      />
    </Panel>
  );
}

/** Share of choices for the first-shown answer per annotator. */
export function PositionBiasChart({ annotators }: { annotators: AnnotatorRow[] }) {
  const translate = useTranslate();
  const rows = annotators.filter((row) => row.positionBias?.share !== null && row.positionBias?.share !== undefined);
  if (rows.length === 0) return null;
  return (
    <Panel title={translate('clinrank.agreement.position_bias')}>
      <BarChart
        height={260}
        xAxis={[{ scaleType: 'band', data: rows.map((row) => row.coder) }]}
        yAxis={[{ min: 0, max: 1 }]}
        series={[
          { label: translate('clinrank.agreement.bias'), data: rows.map((row) => row.positionBias?.share ?? null) },
        ]}
      />
    </Panel>
  );
}

/** Weekly agreement lines for the annotators with the most labels. */
export function AgreementByWeek({ annotators }: { annotators: AnnotatorRow[] }) {
  const translate = useTranslate();
  const weeks = [...new Set(annotators.flatMap((row) => row.weekly.map((week) => week.week)))].sort();
  const shown = [...annotators]
    .sort((x, y) => y.labels - x.labels)
    .slice(0, WEEKLY_LINES)
    .filter((row) => row.weekly.length > 0);
  if (weeks.length === 0) return null;
  return (
    <Panel title={translate('clinrank.agreement.by_week')}>
      <LineChart
        height={300}
        xAxis={[{ scaleType: 'point', data: weeks }]}
        yAxis={[{ min: 0, max: 1 }]}
        series={shown.map((row) => ({
          label: row.coder,
          connectNulls: true,
          data: weeks.map((week) => row.weekly.find((entry) => entry.week === week)?.rate ?? null),
        }))}
      />
    </Panel>
  );
}
