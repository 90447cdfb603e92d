import {
  Alert,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { gqlQuery } from '../providers/graphql-client.js';
import { Panel } from './agreement-charts.js';
import {
  CONFUSION_MATRIX,
  type ConfusionMatrix,
  type DashboardFilter,
  filterInput,
  type AnnotatorRow,
} from './agreement-queries.js';

/** Two annotator pickers (first shown: the pair sharing most units) and their confusion matrix as a heatmap table. */
export function ConfusionMatrixPanel({
  projectId,
  filter,
  annotators,
  pairs,
}: {
  projectId: string;
  filter: DashboardFilter;
  annotators: AnnotatorRow[];
  pairs: { coderA: string; coderB: string; n: number }[];
}) {
  const translate = useTranslate();
  const [coderA, setCoderA] = useState('');
  const [coderB, setCoderB] = useState('');
  const [matrix, setMatrix] = useState<ConfusionMatrix | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const busiest = [...pairs].sort((x, y) => y.n - x.n)[0];
    const byVolume = [...annotators].sort((x, y) => y.labels - x.labels);
    setCoderA(busiest?.coderA ?? byVolume[0]?.coder ?? '');
    setCoderB(busiest?.coderB ?? byVolume[1]?.coder ?? '');
  }, [annotators, pairs]);

  useEffect(() => {
    setMatrix(null);
    setError(null);
    if (!coderA || !coderB || coderA === coderB) return;
    const { criterion, ...rest } = filterInput(filter);
    gqlQuery(CONFUSION_MATRIX, { projectId, criterion: criterion ?? null, coderA, coderB, filter: rest }).then(
      (data) => setMatrix(data.confusionMatrix),
      (caught: Error) => setError(caught.message),
    );
  }, [projectId, filter, coderA, coderB]);

  const picker = (label: string, value: string, onChange: (value: string) => void) => (
    <TextField
      fullWidth={false}
      select
      size="small"
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      sx={{ minWidth: 220 }}
    >
      {annotators.map((row) => (
        <MenuItem key={row.coder} value={row.coder}>
          {row.coder}
        </MenuItem>
      ))}
    </TextField>
  );
  const largest = Math.max(1, ...(matrix?.counts.flat() ?? [1]));
  return (
    <Panel title={translate('clinrank.agreement.confusion')}>
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        {picker(translate('clinrank.agreement.coder_a'), coderA, setCoderA)}
        {picker(translate('clinrank.agreement.coder_b'), coderB, setCoderB)}
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {matrix && (
        <>
          <Typography variant="body2" gutterBottom>
            {translate('clinrank.agreement.shared_units', { n: matrix.n })} · {matrix.criterion}
          </Typography>
          <Table size="small" sx={{ width: 'auto' }} aria-label={translate('clinrank.agreement.confusion')}>
            <TableHead>
              <TableRow>
                <TableCell>
                  {matrix.coderA} \ {matrix.coderB}
                </TableCell>
                {matrix.categories.map((category) => (
                  <TableCell key={category} align="center">
                    {category}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {matrix.categories.map((row, i) => (
                <TableRow key={row}>
                  <TableCell component="th" scope="row">
                    {row}
                  </TableCell>
                  {matrix.counts[i].map((count, j) => (
                    <TableCell
                      key={j}
                      align="center"
                      sx={{
                        bgcolor: `rgba(25, 118, 210, ${(count / largest) * 0.8})`,
                        color: count / largest > 0.5 ? 'common.white' : 'text.primary',
                        fontWeight: i === j ? 700 : 400,
                      }}
                    >
                      {count}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Panel>
  );
}
