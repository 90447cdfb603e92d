import { Button, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { ApiError, gqlMutate, toApiError } from '../providers/graphql-client.js';
import { ApiErrorAlert } from './api-error-alert.js';
import { REQUEST_BERTSCORE } from './bertscore-query.js';

/** A whole number typed in a field, or null when empty; NaN when it is not one. */
function wholeNumber(text: string): number | null {
  if (text.trim() === '') return null;
  return /^-?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
}

/** Queues a BERTScore run: encoder checkpoint on the worker node, layer, GPUs (1 by default with an encoder, else 0). */
export function BertScoreRequestForm({ projectId, onRequested }: { projectId: string; onRequested: () => void }) {
  const t = useTranslate();
  const [encoderPath, setEncoderPath] = useState('');
  const [layer, setLayer] = useState('');
  const [gpus, setGpus] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const shownGpus = gpus ?? (encoderPath.trim() ? '1' : '0');
  const layerValue = wholeNumber(layer);
  const gpusValue = wholeNumber(shownGpus);
  const invalid = Number.isNaN(layerValue) || Number.isNaN(gpusValue);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await gqlMutate(REQUEST_BERTSCORE, {
        projectId,
        encoderPath: encoderPath.trim() || null,
        layer: layerValue,
        gpus: gpusValue ?? 0,
      });
      onRequested();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1} sx={{ mt: 2 }} component="form" onSubmit={(event) => (event.preventDefault(), void submit())}>
      <Stack direction="row" spacing={2} alignItems="flex-start" flexWrap="wrap" useFlexGap>
        <TextField
          size="small"
          label={t('clinrank.evaluation.encoder_path')}
          placeholder="/models/xlm-roberta-large"
          value={encoderPath}
          onChange={(event) => setEncoderPath(event.target.value)}
          helperText={t('clinrank.evaluation.encoder_path_help')}
          sx={{ minWidth: 320, flex: 1 }}
        />
        <TextField
          size="small"
          label={t('clinrank.evaluation.layer')}
          value={layer}
          onChange={(event) => setLayer(event.target.value)}
          error={Number.isNaN(layerValue)}
          helperText={Number.isNaN(layerValue) ? t('clinrank.evaluation.whole_number') : ' '}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          sx={{ width: 110 }}
        />
        <TextField
          size="small"
          label={t('clinrank.evaluation.gpus')}
          value={shownGpus}
          onChange={(event) => setGpus(event.target.value)}
          error={Number.isNaN(gpusValue)}
          helperText={Number.isNaN(gpusValue) ? t('clinrank.evaluation.whole_number') : ' '}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          sx={{ width: 90 }}
        />
        <Button type="submit" variant="contained" disabled={busy || invalid} sx={{ height: 48 }}>
          {t('clinrank.evaluation.request_bertscore')}
        </Button>
      </Stack>
      <ApiErrorAlert error={error} />
    </Stack>
  );
}
