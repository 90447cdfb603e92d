import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { gqlQuery } from '../providers/graphql-client.js';
import { fixed, Panel } from './agreement-charts.js';
import type { AnnotatorRow } from './agreement-queries.js';
import { ANNOTATOR_RELIABILITY, type AnnotatorReliabilityReport } from './reliability-query.js';

/**
 * Each annotator's Dawid–Skene reliability (the model behind adaptive overlap and the dawid-skene export) next to their
 * gold accuracy: least reliable first.
 */
export function ReliabilityPanel({ projectId, annotators }: { projectId: string; annotators: AnnotatorRow[] }) {
  const translate = useTranslate();
  const [report, setReport] = useState<AnnotatorReliabilityReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setReport(null);
    setError(null);
    gqlQuery(ANNOTATOR_RELIABILITY, { projectId }).then(
      (data) => setReport(data.annotatorReliability),
      (caught: Error) => setError(caught.message),
    );
  }, [projectId]);
  if (error) return <Typography color="error">{error}</Typography>;
  if (!report) return null;
  const gold = new Map(annotators.map((row) => [row.annotatorId, row.gold]));
  return (
    <Panel title={translate('clinrank.agreement.reliability_title')}>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {report.supported
          ? translate('clinrank.agreement.reliability_help', { units: report.units, gold: report.goldUnits })
          : translate('clinrank.agreement.reliability_unsupported')}
      </Typography>
      {report.annotators.length > 0 && (
        <Table size="small" data-testid="reliability-table">
          <TableHead>
            <TableRow>
              <TableCell>{translate('clinrank.agreement.annotator')}</TableCell>
              <TableCell align="right">{translate('clinrank.agreement.labels')}</TableCell>
              <TableCell align="right">{translate('clinrank.agreement.reliability')}</TableCell>
              <TableCell align="right">{translate('clinrank.agreement.gold')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.annotators.map((row) => {
              const accuracy = gold.get(row.annotatorId);
              return (
                <TableRow key={row.annotatorId}>
                  <TableCell>{row.username}</TableCell>
                  <TableCell align="right">{row.labels}</TableCell>
                  <TableCell align="right">{fixed(row.expectedAccuracy)}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {accuracy ? `${fixed(accuracy.accuracy)} (n=${accuracy.n})` : '–'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
