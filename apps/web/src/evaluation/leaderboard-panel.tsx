import { Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DownloadButtons } from './download-buttons.js';
import { pct, type EvaluationReport } from './evaluation-query.js';
import { PanelHeader } from './panel-header.js';

type LeaderboardRow = EvaluationReport['leaderboard']['rows'][number];

/** A strength and its bootstrap interval as a dot on a whisker, scaled to the table's range. */
function Whisker({ row, at }: { row: LeaderboardRow; at: (value: number) => string }) {
  return (
    <div style={{ position: 'relative', height: 12 }} aria-label={`${row.low} – ${row.high}`}>
      <div
        style={{
          position: 'absolute',
          left: at(row.low ?? row.strength),
          right: `calc(100% - ${at(row.high ?? row.strength)})`,
          top: 5,
          height: 2,
          background: '#555',
        }}
      />
      <div
        style={{
          position: 'absolute',
          left: at(row.strength),
          top: 1,
          width: 10,
          height: 10,
          marginLeft: -5,
          borderRadius: 5,
          background: '#1976d2',
        }}
      />
    </div>
  );
}

/** Bradley–Terry strengths with their bootstrap interval drawn as a whisker bar. */
function LeaderboardTable({ rows }: { rows: LeaderboardRow[] }) {
  const t = useTranslate();
  const values = rows.flatMap((row) => [row.low ?? row.strength, row.high ?? row.strength]);
  const [min, max] = [Math.min(...values, 0), Math.max(...values, 0)];
  const at = (value: number) => `${((value - min) / (max - min || 1)) * 100}%`;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>#</TableCell>
          <TableCell>{t('clinrank.evaluation.model')}</TableCell>
          <TableCell>{t('clinrank.evaluation.strength')}</TableCell>
          <TableCell sx={{ width: '40%' }}>{t('clinrank.evaluation.interval')}</TableCell>
          <TableCell>{t('clinrank.evaluation.games')}</TableCell>
          <TableCell>{t('clinrank.evaluation.elo')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.model}>
            <TableCell>{row.rank}</TableCell>
            <TableCell>{row.model}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <span dir="ltr">
                {row.strength.toFixed(3)} [{row.low?.toFixed(2) ?? '–'}, {row.high?.toFixed(2) ?? '–'}]
              </span>
            </TableCell>
            <TableCell>
              <Whisker row={row} at={at} />
            </TableCell>
            <TableCell>{row.games}</TableCell>
            <TableCell>{row.elo.toFixed(0)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The leaderboard with its downloads, and each automated judge's agreement with the clinicians. */
export function LeaderboardPanel({ report, basename }: { report: EvaluationReport; basename: string }) {
  const t = useTranslate();
  return (
    <>
      <Paper variant="outlined" sx={{ p: 2, overflowX: 'auto' }}>
        <PanelHeader title={t('clinrank.evaluation.leaderboard')}>
          <DownloadButtons
            basename={`${basename}-${report.criterion}-leaderboard`}
            csv={report.leaderboardCsv}
            markdown={report.leaderboardMarkdown}
          />
        </PanelHeader>
        <LeaderboardTable rows={report.leaderboard.rows} />
      </Paper>
      {report.judgeAgreement.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <PanelHeader title={t('clinrank.evaluation.judge_agreement')} />
          {report.judgeAgreement.map((entry) => (
            <Typography key={entry.judge}>
              {entry.judge}: {entry.agreeing}/{entry.n} ({pct(entry.share)} %)
            </Typography>
          ))}
        </Paper>
      )}
    </>
  );
}
