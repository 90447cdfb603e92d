import { MenuItem, Paper, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate } from 'react-admin';
import { DownloadButtons } from './download-buttons.js';
import { GROUPINGS, type EvaluationReport, type Grouping, type ReportRow } from './evaluation-query.js';
import { PanelHeader, SHOW_EMPTY } from './panel-header.js';
import { RateWithInterval } from './rate-with-interval.js';

interface WinTieLosePanelProps {
  report: EvaluationReport;
  basename: string;
  groupBy: Grouping | null;
  onGroupByChange: (groupBy: Grouping | null) => void;
}

function GroupBySelect({ value, onChange }: { value: Grouping | null; onChange: (groupBy: Grouping | null) => void }) {
  const t = useTranslate();
  return (
    <TextField
      select
      size="small"
      label={t('clinrank.evaluation.group_by')}
      value={value ?? ''}
      onChange={(event) => onChange((event.target.value || null) as Grouping | null)}
      {...SHOW_EMPTY}
      sx={{ width: 180 }}
    >
      <MenuItem value="">{t('clinrank.evaluation.group_none')}</MenuItem>
      {GROUPINGS.map((grouping) => (
        <MenuItem key={grouping} value={grouping}>
          {t(`clinrank.evaluation.group_${grouping.toLowerCase()}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The win/tie/lose table formatted like a paper's, each rate with its Wilson interval; grouped reports get a group column. */
function WinTieLoseTable({ rows, grouped }: { rows: ReportRow[]; grouped: boolean }) {
  const t = useTranslate();
  const headers = [...(grouped ? ['group'] : []), 'model_vs_baseline', 'win_ci', 'tie_ci', 'lose_ci', 'n', 'sign_p'];
  return (
    <Table size="small" aria-label={t('clinrank.evaluation.win_tie_lose')}>
      <TableHead>
        <TableRow>
          {headers.map((key) => (
            <TableCell key={key}>{t(`clinrank.evaluation.${key}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow
            key={`${row.group}-${row.model}-${row.baseline}`}
            sx={grouped && row.group === null ? { '& td': { fontWeight: 600 } } : undefined}
          >
            {grouped && <TableCell>{row.group ?? t('clinrank.evaluation.group_all')}</TableCell>}
            <TableCell>{t('clinrank.evaluation.model_vs', { model: row.model, baseline: row.baseline })}</TableCell>
            <TableCell>
              <RateWithInterval rate={row.winRate} interval={row.winInterval} />
            </TableCell>
            <TableCell>
              <RateWithInterval rate={row.tieRate} interval={row.tieInterval} />
            </TableCell>
            <TableCell>
              <RateWithInterval rate={row.loseRate} interval={row.loseInterval} />
            </TableCell>
            <TableCell>{row.n}</TableCell>
            <TableCell>{row.signTestP === null ? '–' : row.signTestP.toPrecision(3)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Stacked horizontal bars: win, tie and lose percentages of each comparison (overall rows only, to stay readable). */
function WinTieLoseChart({ rows }: { rows: ReportRow[] }) {
  const t = useTranslate();
  const labels = rows.map((row) => t('clinrank.evaluation.model_vs', { model: row.model, baseline: row.baseline }));
  const series = (['winRate', 'tieRate', 'loseRate'] as const).map((key, i) => ({
    label: t(`clinrank.evaluation.${['win', 'tie', 'lose'][i]}`),
    stack: 'outcome',
    data: rows.map((row) => (row[key] ?? 0) * 100),
  }));
  // Wide enough for the longest "model vs baseline" label: cut at a fixed width, different comparisons read the same.
  const width = Math.min(480, Math.max(120, 7.5 * Math.max(...labels.map((label) => label.length))));
  return (
    <BarChart
      height={Math.max(160, 48 * labels.length)}
      layout="horizontal"
      yAxis={[{ scaleType: 'band', data: labels, width }]}
      xAxis={[{ max: 100 }]}
      series={series}
    />
  );
}

/** Win / tie / lose of each model against the baseline (or every pair), optionally broken down by a group. */
export function WinTieLosePanel({ report, basename, groupBy, onGroupByChange }: WinTieLosePanelProps) {
  const t = useTranslate();
  const grouped = report.rows.some((row) => row.group !== null);
  return (
    <Paper variant="outlined" sx={{ p: 2, overflowX: 'auto' }} data-testid="win-tie-lose-panel">
      <PanelHeader title={`${t('clinrank.evaluation.win_tie_lose')} (${report.criterion})`}>
        <GroupBySelect value={groupBy} onChange={onGroupByChange} />
        <DownloadButtons
          basename={`${basename}-${report.criterion}-win-tie-lose`}
          csv={report.csv}
          markdown={report.markdown}
        />
      </PanelHeader>
      <WinTieLoseTable rows={report.rows} grouped={grouped} />
      <WinTieLoseChart rows={report.rows.filter((row) => row.group === null)} />
    </Paper>
  );
}
