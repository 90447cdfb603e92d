import { Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { gqlQuery } from '../providers/graphql-client.js';
import { fixed, Panel } from './agreement-charts.js';
import { UNCERTAINTY_DISTRIBUTION, type UncertaintyDistribution } from './uncertainty-query.js';

/**
 * How unsure the latest reward model is about the project's open items: a histogram of the scores the uncertainty-first
 * queue orders by (leads and admins only; annotators never see them).
 */
export function UncertaintyPanel({ projectId }: { projectId: string }) {
  const translate = useTranslate();
  const [report, setReport] = useState<UncertaintyDistribution | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setReport(null);
    setError(null);
    gqlQuery(UNCERTAINTY_DISTRIBUTION, { projectId }).then(
      (data) => setReport(data.uncertaintyDistribution),
      (caught: Error) => setError(caught.message),
    );
  }, [projectId]);
  if (error) return <Typography color="error">{error}</Typography>;
  if (!report) return null;
  const order = translate(`clinrank.agreement.uncertainty_order.${report.queueOrder}`);
  return (
    <Panel title={translate('clinrank.agreement.uncertainty_title')}>
      <Typography variant="body2" color="text.secondary" gutterBottom data-testid="uncertainty-summary">
        {report.scored === 0
          ? translate('clinrank.agreement.uncertainty_none', { order, unscored: report.unscored })
          : translate('clinrank.agreement.uncertainty_help', {
              order,
              scored: report.scored,
              unscored: report.unscored,
              min: fixed(report.minScore),
              max: fixed(report.maxScore),
              at: new Date(report.scoredAt as string).toLocaleString(),
            })}
      </Typography>
      {report.bins.length > 0 && (
        <div data-testid="uncertainty-histogram">
          <BarChart
            height={240}
            xAxis={[
              {
                scaleType: 'band',
                data: report.bins.map((_, index) => index),
                // Ticks name a bin by its lower bound; the tooltip gives the whole interval.
                valueFormatter: (index: number, context) => {
                  const bin = report.bins[index];
                  return context.location === 'tick'
                    ? fixed(bin.lower, 2)
                    : `${fixed(bin.lower, 3)} … ${fixed(bin.upper, 3)}`;
                },
                label: translate('clinrank.agreement.uncertainty_axis'),
              },
            ]}
            yAxis={[{ label: translate('clinrank.agreement.uncertainty_items'), tickMinStep: 1 }]}
            series={[
              { data: report.bins.map((bin) => bin.count), label: translate('clinrank.agreement.uncertainty_items') },
            ]}
            hideLegend
          />
        </div>
      )}
    </Panel>
  );
}
