import { Alert, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { ApiErrorAlert } from './api-error-alert.js';
import { DownloadButtons } from './download-buttons.js';
import { pct } from './evaluation-query.js';
import { METRIC_COLUMNS, MODEL_METRICS, type ModelMetricsRow } from './model-metrics-query.js';
import { LanguageSelect } from './language-select.js';
import { PanelHeader } from './panel-header.js';
import { useApiQuery } from './use-api-query.js';

const NUMBER_CELL = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

/** Models as rows, metrics as percentages with one decimal; sentence BLEU-4 set apart as a secondary column. */
function MetricsTable({ rows }: { rows: ModelMetricsRow[] }) {
  const t = useTranslate();
  return (
    <Table size="small" aria-label={t('clinrank.evaluation.metrics')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('clinrank.evaluation.model')}</TableCell>
          <TableCell sx={NUMBER_CELL}>{t('clinrank.evaluation.answers')}</TableCell>
          {METRIC_COLUMNS.map(([title]) => (
            <TableCell key={title} sx={NUMBER_CELL}>
              {title}
            </TableCell>
          ))}
          <TableCell sx={{ ...NUMBER_CELL, color: 'text.secondary' }}>
            {t('clinrank.evaluation.sentence_bleu4')}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.model}>
            <TableCell>{row.model}</TableCell>
            <TableCell sx={NUMBER_CELL}>{row.answers}</TableCell>
            {METRIC_COLUMNS.map(([title, key]) => (
              <TableCell key={title} sx={NUMBER_CELL}>
                {pct(row[key])}
              </TableCell>
            ))}
            <TableCell sx={{ ...NUMBER_CELL, color: 'text.secondary' }}>{pct(row.sentenceBleu4)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** BLEU, GLEU and ROUGE of each model's answers against the references, for all items or one language. */
export function ModelMetricsPanel({ projectId, basename }: { projectId: string; basename: string }) {
  const t = useTranslate();
  const [language, setLanguage] = useState('');
  const { data, error } = useApiQuery(MODEL_METRICS, { projectId, language: language || null });
  const report = data?.modelMetrics;
  return (
    <Paper variant="outlined" sx={{ p: 2, overflowX: 'auto' }} data-testid="model-metrics-panel">
      <PanelHeader title={t('clinrank.evaluation.metrics')}>
        <LanguageSelect
          value={language}
          languages={report?.languages ?? (language ? [language] : [])}
          onChange={setLanguage}
        />
        {report && report.rows.length > 0 && (
          <DownloadButtons
            basename={`${basename}-metrics${language ? `-${language}` : ''}`}
            csv={report.csv}
            markdown={report.markdown}
          />
        )}
      </PanelHeader>
      <ApiErrorAlert error={error} />
      {report && report.rows.length === 0 && <Alert severity="info">{t('clinrank.evaluation.metrics_empty')}</Alert>}
      {report && report.rows.length > 0 && <MetricsTable rows={report.rows} />}
      {report && report.answersWithoutReference > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('clinrank.evaluation.answers_without_reference', { smart_count: report.answersWithoutReference })}
        </Typography>
      )}
    </Paper>
  );
}
