import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { fixed, Panel } from './agreement-charts.js';
import type { AnnotatorCheck, AnnotatorRow } from './agreement-queries.js';

/** A check in the reader's language: the figure, the threshold and n, or "not enough labels (n = 7 of 10)". */
function useCheckText(): (check: AnnotatorCheck) => string {
  const translate = useTranslate();
  return (check) => {
    const kind = translate(`clinrank.agreement.check_kinds.${check.kind}`);
    if (check.status === 'not_enough')
      return translate('clinrank.agreement.not_enough', { kind, n: check.n, minN: check.minN });
    const value =
      check.value === null
        ? '–'
        : check.kind === 'speed'
          ? String(Math.round(check.value * 10) / 10)
          : `${Math.round(check.value * 100)} %`;
    const threshold =
      check.kind === 'speed'
        ? String(check.threshold)
        : check.kind === 'position_bias'
          ? String(check.threshold)
          : `${Math.round(check.threshold * 100)} %`;
    return translate(`clinrank.agreement.check_text.${check.kind}`, {
      value,
      threshold,
      n: check.n,
      p: check.pValue === null ? '–' : check.pValue.toPrecision(2),
    });
  };
}

/** One row per annotator with every quality figure; flagged annotators first, with their reasons. */
export function AnnotatorTable({ annotators }: { annotators: AnnotatorRow[] }) {
  const translate = useTranslate();
  const checkText = useCheckText();
  const rows = [...annotators].sort(
    (x, y) => Number(y.flagged) - Number(x.flagged) || (x.looAgreement?.rate ?? 1) - (y.looAgreement?.rate ?? 1),
  );
  return (
    <Panel title={translate('clinrank.agreement.coders')}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('clinrank.agreement.annotator')}</TableCell>
            <TableCell align="right">{translate('clinrank.agreement.labels')}</TableCell>
            <TableCell align="right">{translate('clinrank.agreement.loo')}</TableCell>
            <TableCell align="right">{translate('clinrank.agreement.gold')}</TableCell>
            <TableCell align="right">{translate('clinrank.agreement.bias')}</TableCell>
            <TableCell align="right">{translate('clinrank.agreement.ties')}</TableCell>
            <TableCell align="right">{translate('clinrank.agreement.median')}</TableCell>
            <TableCell>{translate('clinrank.agreement.reasons')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.coder} selected={row.flagged}>
              <TableCell>{row.coder}</TableCell>
              <TableCell align="right">{row.labels}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {fixed(row.looAgreement?.rate)} {row.looAgreement ? `(n=${row.looAgreement.n})` : ''}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {row.gold ? `${fixed(row.gold.accuracy)} (n=${row.gold.n})` : '–'}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {row.positionBias
                  ? `${fixed(row.positionBias.share)} (p=${row.positionBias.pValue === null ? '–' : row.positionBias.pValue.toPrecision(2)})`
                  : '–'}
              </TableCell>
              <TableCell align="right">{fixed(row.tieRate?.rate)}</TableCell>
              <TableCell align="right">
                {row.medianSeconds === null
                  ? '–'
                  : translate('clinrank.agreement.seconds', { seconds: Math.round(row.medianSeconds) })}
              </TableCell>
              <TableCell data-testid={`checks-${row.coder}`}>
                {row.checks
                  .filter((check) => check.status !== 'ok')
                  .map((check) => (
                    <Tooltip key={check.kind} title={translate(`clinrank.agreement.check_kinds.${check.kind}`)}>
                      <Chip
                        size="small"
                        color={check.status === 'flagged' ? 'error' : 'default'}
                        variant={check.status === 'flagged' ? 'filled' : 'outlined'}
                        label={checkText(check)}
                        sx={{
                          mr: 0.5,
                          mb: 0.5,
                          height: 'auto',
                          '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 },
                        }}
                      />
                    </Tooltip>
                  ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Panel>
  );
}
