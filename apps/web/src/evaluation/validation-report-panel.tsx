import { Alert, Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ApiErrorAlert } from './api-error-alert.js';
import { DownloadButtons } from './download-buttons.js';
import { pct } from './evaluation-query.js';
import { PanelHeader } from './panel-header.js';
import { RateWithInterval } from './rate-with-interval.js';
import { useApiQuery } from './use-api-query.js';
import { VALIDATION_REPORT, type GeneratorValidation, type VerdictAgreement } from './validation-report-query.js';

const TOP_REASONS = 3;

/** Krippendorff's alpha with three decimals, or why there is none. */
function AgreementText({ agreement }: { agreement: VerdictAgreement }) {
  if (agreement.alpha !== null) return <span>{agreement.alpha.toFixed(3)}</span>;
  return (
    <Box component="span" sx={{ color: 'text.secondary' }}>
      – {agreement.reason ? `(${agreement.reason})` : ''}
    </Box>
  );
}

function GeneratorRow({ entry }: { entry: GeneratorValidation }) {
  const t = useTranslate();
  // Reasons are the workspace's codes: show the names the validators chose them by; an unknown code shows as it came.
  const reason = (code: string) => t(`clinrank.ws.validation.reasons.${code}`, { _: code });
  return (
    <TableRow>
      <TableCell>{entry.generator}</TableCell>
      <TableCell>{entry.n}</TableCell>
      <TableCell>
        <RateWithInterval rate={entry.acceptanceRate} interval={entry.acceptanceInterval} />
      </TableCell>
      <TableCell>{pct(entry.strictRate)}</TableCell>
      <TableCell>{entry.accepts}</TableCell>
      <TableCell>{entry.fixes}</TableCell>
      <TableCell>{entry.rejects}</TableCell>
      <TableCell>
        {entry.rejectionReasons
          .slice(0, TOP_REASONS)
          .map((counted) => `${reason(counted.reason)} (${counted.count})`)
          .join('; ') || '–'}
      </TableCell>
      <TableCell>
        <AgreementText agreement={entry.agreement} />
      </TableCell>
    </TableRow>
  );
}

function GeneratorTable({ generators }: { generators: GeneratorValidation[] }) {
  const t = useTranslate();
  const headers = [
    'generator',
    'n',
    'acceptance',
    'strict',
    'accepted',
    'fixed',
    'rejected',
    'rejection_reasons',
    'alpha',
  ];
  return (
    <Table size="small" aria-label={t('clinrank.evaluation.validation')}>
      <TableHead>
        <TableRow>
          {headers.map((key) => (
            <TableCell key={key}>{t(`clinrank.evaluation.${key}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {generators.map((entry) => (
          <GeneratorRow key={entry.generator} entry={entry} />
        ))}
      </TableBody>
    </Table>
  );
}

/** A validation project's report: acceptance per generator with Wilson intervals, rejection reasons and validator agreement. */
export function ValidationReportPanel({ projectId, basename }: { projectId: string; basename: string }) {
  const t = useTranslate();
  const { data, error } = useApiQuery(VALIDATION_REPORT, { projectId });
  const report = data?.validationReport;
  return (
    <Paper variant="outlined" sx={{ p: 2, overflowX: 'auto' }} data-testid="validation-report-panel">
      <PanelHeader title={t('clinrank.evaluation.validation')}>
        {report && <DownloadButtons basename={`${basename}-validation`} csv={report.csv} markdown={report.markdown} />}
      </PanelHeader>
      <ApiErrorAlert error={error} />
      {report && report.generators.length === 0 && (
        <Alert severity="info">{t('clinrank.evaluation.validation_empty')}</Alert>
      )}
      {report && report.generators.length > 0 && (
        <>
          <GeneratorTable generators={report.generators} />
          <Typography variant="body2" sx={{ mt: 1 }}>
            {t('clinrank.evaluation.overall_agreement', { labels: report.labels, units: report.overall.units })}{' '}
            <AgreementText agreement={report.overall} />
          </Typography>
        </>
      )}
    </Paper>
  );
}
