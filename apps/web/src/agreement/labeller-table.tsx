import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { fixed, Panel } from './agreement-charts.js';
import type { LabellerRow } from './agreement-queries.js';

/** One row per labeller with every quality figure; flagged labellers first, with their reasons. */
export function LabellerTable({ labellers }: { labellers: LabellerRow[] }) {
  const translate = useTranslate();
  const rows = [...labellers].sort((x, y) => Number(y.flagged) - Number(x.flagged) || (x.looAgreement?.rate ?? 1) - (y.looAgreement?.rate ?? 1));
  return (
    <Panel title={translate('clinrank.agreement.coders')}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('clinrank.agreement.labeller')}</TableCell>
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
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{fixed(row.looAgreement?.rate)} {row.looAgreement ? `(n=${row.looAgreement.n})` : ''}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{row.gold ? `${fixed(row.gold.accuracy)} (n=${row.gold.n})` : '–'}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{row.positionBias ? `${fixed(row.positionBias.share)} (p=${row.positionBias.pValue === null ? '–' : row.positionBias.pValue.toPrecision(2)})` : '–'}</TableCell>
              <TableCell align="right">{fixed(row.tieRate?.rate)}</TableCell>
              <TableCell align="right">{row.medianSeconds === null ? '–' : translate('clinrank.agreement.seconds', { seconds: Math.round(row.medianSeconds) })}</TableCell>
              <TableCell>
                {row.flagReasons.map((reason) => (
                  <Tooltip key={reason} title={reason}>
                    <Chip size="small" color="error" label={reason.length > 40 ? `${reason.slice(0, 40)}…` : reason} sx={{ mr: 0.5, mb: 0.5 }} />
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
