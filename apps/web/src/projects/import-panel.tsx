import { gql } from '@apollo/client/core';
import { Alert, Button, Checkbox, FormControlLabel, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { gqlMutate } from '../providers/graphql-client.js';

const IMPORT = gql`
  mutation ImportItems($input: ImportItemsInput!) {
    importItems(input: $input) { imported updated unchanged rejected labelsImported committed strict problems { line field reason } }
  }
`;

interface ImportReport {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  labelsImported: number;
  committed: boolean;
  problems: { line: number; field: string; reason: string }[];
}

/** Upload a JSONL file of items and show the line-by-line error report. */
export function ImportPanel({ projectId }: { projectId: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [file, setFile] = useState<File | null>(null);
  const [strict, setStrict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const content = await file.text();
      const data = await gqlMutate<{ importItems: ImportReport }>(IMPORT, { input: { projectId, content, strict } });
      setReport(data.importItems);
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="import-title">
      <Typography id="import-title" variant="h6" component="h2" gutterBottom>{translate('clinrank.projects.import')}</Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
          {file ? file.name : translate('clinrank.projects.import_file')}
          <input hidden type="file" accept=".jsonl,.json,.txt,application/jsonl" data-testid="import-file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        </Button>
        <FormControlLabel control={<Checkbox checked={strict} onChange={(event) => setStrict(event.target.checked)} />} label={translate('clinrank.projects.strict')} />
        <Button variant="contained" disabled={!file || busy} onClick={() => void upload()} data-testid="import-run">{translate('clinrank.projects.import_run')}</Button>
      </Stack>
      {report && (
        <Stack spacing={1} sx={{ mt: 2 }} data-testid="import-report">
          <Alert severity={report.problems.length ? 'warning' : 'success'}>{translate('clinrank.projects.import_report', report)}</Alert>
          {report.problems.length > 0 && (
            <Table size="small" aria-label={translate('clinrank.projects.import_report', report)}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('clinrank.projects.line')}</TableCell>
                  <TableCell>{translate('clinrank.projects.field')}</TableCell>
                  <TableCell>{translate('clinrank.projects.reason')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {report.problems.map((problem, index) => (
                  <TableRow key={index} data-testid="import-problem" data-line={problem.line}>
                    <TableCell>{problem.line}</TableCell>
                    <TableCell><code>{problem.field}</code></TableCell>
                    <TableCell dir="auto">{problem.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Stack>
      )}
    </Paper>
  );
}
