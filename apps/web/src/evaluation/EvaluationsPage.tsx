import { Alert, Button, LinearProgress, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useEffect, useState } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { gqlQuery } from '../providers/graphql-client.js';
import { download, EVALUATION_REPORT, pct, type EvaluationReport } from './evaluation-query.js';

const JUDGE_MODES = ['EXCLUDE', 'INCLUDE', 'ONLY'] as const;

/** The win/tie/lose table formatted like a paper's: one row per model vs baseline. */
function WinTieLoseTable({ report }: { report: EvaluationReport }) {
  const t = useTranslate();
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {['model_vs_baseline', 'win', 'tie', 'lose', 'n', 'sign_p'].map((key) => <TableCell key={key}>{t(`clinrank.evaluation.${key}`)}</TableCell>)}
        </TableRow>
      </TableHead>
      <TableBody>
        {report.rows.map((row) => (
          <TableRow key={`${row.model}-${row.baseline}`}>
            <TableCell>{row.model} vs {row.baseline}</TableCell>
            <TableCell>{pct(row.winRate)}</TableCell>
            <TableCell>{pct(row.tieRate)}</TableCell>
            <TableCell>{pct(row.loseRate)}</TableCell>
            <TableCell>{row.n}</TableCell>
            <TableCell>{row.signTestP === null ? '–' : row.signTestP.toPrecision(3)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Stacked horizontal bars: win, tie and lose percentages of each comparison. */
function WinTieLoseChart({ report }: { report: EvaluationReport }) {
  const t = useTranslate();
  const labels = report.rows.map((row) => `${row.model} vs ${row.baseline}`);
  const series = (['winRate', 'tieRate', 'loseRate'] as const).map((key, i) => ({
    label: t(`clinrank.evaluation.${['win', 'tie', 'lose'][i]}`),
    stack: 'outcome',
    data: report.rows.map((row) => (row[key] ?? 0) * 100),
  }));
  return <BarChart height={Math.max(160, 48 * labels.length)} layout="horizontal" yAxis={[{ scaleType: 'band', data: labels }]} xAxis={[{ max: 100 }]} series={series} />;
}

/** Bradley–Terry strengths with their bootstrap interval drawn as a whisker bar. */
function LeaderboardTable({ report }: { report: EvaluationReport }) {
  const t = useTranslate();
  const values = report.leaderboard.rows.flatMap((row) => [row.low ?? row.strength, row.high ?? row.strength]);
  const [min, max] = [Math.min(...values, 0), Math.max(...values, 0)];
  const at = (value: number) => `${((value - min) / (max - min || 1)) * 100}%`;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>#</TableCell>
          <TableCell>Model</TableCell>
          <TableCell>{t('clinrank.evaluation.strength')}</TableCell>
          <TableCell sx={{ width: '40%' }}>{t('clinrank.evaluation.interval')}</TableCell>
          <TableCell>{t('clinrank.evaluation.elo')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {report.leaderboard.rows.map((row) => (
          <TableRow key={row.model}>
            <TableCell>{row.rank}</TableCell>
            <TableCell>{row.model}</TableCell>
            <TableCell>{row.strength.toFixed(3)} [{row.low?.toFixed(2) ?? '–'}, {row.high?.toFixed(2) ?? '–'}]</TableCell>
            <TableCell>
              <div style={{ position: 'relative', height: 12 }} aria-label={`${row.low} – ${row.high}`}>
                <div style={{ position: 'absolute', left: at(row.low ?? row.strength), right: `calc(100% - ${at(row.high ?? row.strength)})`, top: 5, height: 2, background: '#555' }} />
                <div style={{ position: 'absolute', left: at(row.strength), top: 1, width: 10, height: 10, marginLeft: -5, borderRadius: 5, background: '#1976d2' }} />
              </div>
            </TableCell>
            <TableCell>{row.elo.toFixed(0)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Evaluations: a campaign's win/tie/lose table and chart, its leaderboard with intervals, judge agreement, and exports. */
export default function EvaluationsPage() {
  const t = useTranslate();
  const { data: projects } = useGetList('projects', { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } });
  const campaigns = (projects ?? []).filter((project) => project.kind !== 'validation');
  const [projectId, setProjectId] = useState('');
  const [criterion, setCriterion] = useState('overall');
  const [baseline, setBaseline] = useState('');
  const [judges, setJudges] = useState<(typeof JUDGE_MODES)[number]>('EXCLUDE');
  const [report, setReport] = useState<EvaluationReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const selected = projectId || campaigns[0]?.id || '';
  const project = campaigns.find((candidate) => candidate.id === selected);

  useEffect(() => {
    if (!selected) return;
    setLoading(true);
    setError(null);
    gqlQuery<{ evaluationReport: EvaluationReport }>(EVALUATION_REPORT, { projectId: selected, criterion, baseline: baseline || null, judges })
      .then((data) => setReport(data.evaluationReport))
      .catch((caught: Error) => setError(caught.message))
      .finally(() => setLoading(false));
  }, [selected, criterion, baseline, judges]);

  const slug = project?.slug ?? 'campaign';
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={t('clinrank.evaluation.title')} />
      <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
        <TextField select size="small" label={t('clinrank.evaluation.project')} value={selected} onChange={(event) => setProjectId(event.target.value)} sx={{ width: 220 }}>
          {campaigns.map((candidate) => <MenuItem key={candidate.id} value={candidate.id}>{candidate.name}</MenuItem>)}
        </TextField>
        <TextField select size="small" label={t('clinrank.evaluation.criterion')} value={criterion} onChange={(event) => setCriterion(event.target.value)} sx={{ width: 160 }}>
          {[...(project?.criteria ?? []), 'overall'].map((name: string) => <MenuItem key={name} value={name}>{name}</MenuItem>)}
        </TextField>
        <TextField select size="small" label={t('clinrank.evaluation.baseline')} value={baseline} onChange={(event) => setBaseline(event.target.value)} sx={{ width: 220 }}>
          <MenuItem value="">—</MenuItem>
          {(report?.models ?? []).map((model) => <MenuItem key={model} value={model}>{model}</MenuItem>)}
        </TextField>
        <TextField select size="small" label={t('clinrank.evaluation.judges')} value={judges} onChange={(event) => setJudges(event.target.value as (typeof JUDGE_MODES)[number])} sx={{ width: 160 }}>
          {JUDGE_MODES.map((mode) => <MenuItem key={mode} value={mode}>{t(`clinrank.evaluation.judges_${mode.toLowerCase()}`)}</MenuItem>)}
        </TextField>
      </Stack>
      {loading && <LinearProgress />}
      {error && <Alert severity="error">{error}</Alert>}
      {report && report.rows.length === 0 && <Alert severity="info">{t('clinrank.evaluation.empty')}</Alert>}
      {report && report.rows.length > 0 && (
        <>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack direction="row" justifyContent="space-between" alignItems="center">
              <Typography variant="h6" component="h2">{t('clinrank.evaluation.win_tie_lose')} ({report.criterion})</Typography>
              <Stack direction="row" spacing={1}>
                <Button size="small" onClick={() => download(`${slug}-${report.criterion}-win-tie-lose.csv`, report.csv, 'text/csv')}>{t('clinrank.evaluation.download_csv')}</Button>
                <Button size="small" onClick={() => download(`${slug}-${report.criterion}-win-tie-lose.md`, report.markdown, 'text/markdown')}>{t('clinrank.evaluation.download_markdown')}</Button>
              </Stack>
            </Stack>
            <WinTieLoseTable report={report} />
            <WinTieLoseChart report={report} />
          </Paper>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack direction="row" justifyContent="space-between" alignItems="center">
              <Typography variant="h6" component="h2">{t('clinrank.evaluation.leaderboard')}</Typography>
              <Stack direction="row" spacing={1}>
                <Button size="small" onClick={() => download(`${slug}-${report.criterion}-leaderboard.csv`, report.leaderboardCsv, 'text/csv')}>{t('clinrank.evaluation.download_csv')}</Button>
                <Button size="small" onClick={() => download(`${slug}-${report.criterion}-leaderboard.md`, report.leaderboardMarkdown, 'text/markdown')}>{t('clinrank.evaluation.download_markdown')}</Button>
              </Stack>
            </Stack>
            <LeaderboardTable report={report} />
          </Paper>
          {report.judgeAgreement.length > 0 && (
            <Paper variant="outlined" sx={{ p: 2 }}>
              <Typography variant="h6" component="h2">{t('clinrank.evaluation.judge_agreement')}</Typography>
              {report.judgeAgreement.map((entry) => (
                <Typography key={entry.judge}>{entry.judge}: {entry.agreeing}/{entry.n} ({pct(entry.share)} %)</Typography>
              ))}
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}
