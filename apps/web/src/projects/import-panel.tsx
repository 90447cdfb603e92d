import {
  Alert,
  Button,
  Checkbox,
  FormControlLabel,
  LinearProgress,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useEffect, useState } from 'react';
import { useLocaleState, useRefresh, useTranslate } from 'react-admin';
import {
  fetchImportLimit,
  formatBytes,
  ImportUploadError,
  ITEMS_CHANGED,
  uploadImport,
  type ImportProgress,
  type ImportReport,
} from './import-upload.js';

interface Transfer {
  sent: number;
  total: number;
  progress: ImportProgress | null;
}

/** The import limit, read once from the server; null until known. */
function useImportLimit(): number | null {
  const [limit, setLimit] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    fetchImportLimit().then(
      (maxBytes) => live && setLimit(maxBytes),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return limit;
}

function UploadProgress({ transfer }: { transfer: Transfer }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const percent = transfer.total ? (100 * transfer.sent) / transfer.total : 0;
  const { progress } = transfer;
  return (
    <Stack spacing={0.5} sx={{ mt: 2 }} data-testid="import-progress">
      <Typography variant="body2" data-testid="import-sent">
        {translate('clinrank.projects.import_sent', {
          sent: formatBytes(transfer.sent, locale),
          total: formatBytes(transfer.total, locale),
        })}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={translate('clinrank.projects.import_sent', {
          sent: formatBytes(transfer.sent, locale),
          total: formatBytes(transfer.total, locale),
        })}
      />
      {progress && (
        <Typography variant="body2" data-testid="import-lines" data-lines={progress.lines}>
          {translate('clinrank.projects.import_processed', {
            lines: progress.lines.toLocaleString(locale),
            imported: progress.imported.toLocaleString(locale),
            rejected: progress.rejected.toLocaleString(locale),
          })}
        </Typography>
      )}
    </Stack>
  );
}

/** Upload a JSONL file of items (streamed, with progress) and show the line-by-line error report. */
export function ImportPanel({ projectId }: { projectId: string }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const refresh = useRefresh();
  const limit = useImportLimit();
  const [file, setFile] = useState<File | null>(null);
  const [strict, setStrict] = useState(false);
  const [transfer, setTransfer] = useState<Transfer | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const tooLarge = file !== null && limit !== null && file.size > limit;

  const upload = async () => {
    if (!file || tooLarge) return;
    setReport(null);
    setFailure(null);
    setTransfer({ sent: 0, total: file.size, progress: null });
    try {
      const result = await uploadImport(projectId, file, strict, {
        onSent: (sent, total) => setTransfer((current) => current && { ...current, sent, total }),
        onProgress: (progress) => setTransfer((current) => current && { ...current, progress }),
      });
      setReport(result);
      window.dispatchEvent(new Event(ITEMS_CHANGED));
      refresh();
    } catch (error) {
      const refused = error instanceof ImportUploadError ? error : new ImportUploadError('NETWORK', String(error));
      setFailure(
        refused.code === 'NETWORK'
          ? translate('clinrank.projects.import_network')
          : translate('clinrank.projects.import_failed', { message: refused.message }),
      );
    } finally {
      setTransfer(null);
    }
  };

  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      component="section"
      aria-labelledby="import-title"
      data-testid="import-panel"
    >
      <Typography id="import-title" variant="h6" component="h2" gutterBottom>
        {translate('clinrank.projects.import')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
          {file ? file.name : translate('clinrank.projects.import_file')}
          <input
            hidden
            type="file"
            accept=".jsonl,.json,.ndjson,.txt,application/jsonl"
            data-testid="import-file"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFailure(null);
            }}
          />
        </Button>
        <FormControlLabel
          control={<Checkbox checked={strict} onChange={(event) => setStrict(event.target.checked)} />}
          label={translate('clinrank.projects.strict')}
        />
        <Button
          variant="contained"
          disabled={!file || tooLarge || transfer !== null}
          onClick={() => void upload()}
          data-testid="import-run"
        >
          {translate('clinrank.projects.import_run')}
        </Button>
      </Stack>
      {limit !== null && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="import-limit">
          {translate('clinrank.projects.import_limit', { limit: formatBytes(limit, locale) })}
        </Typography>
      )}
      {tooLarge && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="import-too-large">
          {translate('clinrank.projects.import_too_large', {
            name: file.name,
            size: formatBytes(file.size, locale),
            limit: formatBytes(limit, locale),
          })}
        </Alert>
      )}
      {transfer && <UploadProgress transfer={transfer} />}
      {failure && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="import-failure">
          {failure}
        </Alert>
      )}
      {report && (
        <Stack spacing={1} sx={{ mt: 2 }} data-testid="import-report">
          <Alert severity={report.problems.length ? 'warning' : 'success'}>
            {translate('clinrank.projects.import_report', report)}
          </Alert>
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
                    <TableCell>
                      <code>{problem.field}</code>
                    </TableCell>
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
