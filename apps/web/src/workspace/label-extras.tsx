import { Box, Checkbox, FormControlLabel, FormGroup, Paper, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Draft } from './drafts.js';

export const FLAGS = ['unsafe', 'factual_error', 'contains_phi', 'not_answerable', 'wrong_language'] as const;

/** Flags, the rationale box and the optional rewrite editor. */
export function LabelExtras({ draft, update, requireRationale, allowRewrite }: { draft: Draft; update: (change: (draft: Draft) => Draft) => void; requireRationale: boolean; allowRewrite: boolean }) {
  const translate = useTranslate();
  const toggleFlag = (flag: string) => update((current) => ({ ...current, flags: current.flags.includes(flag) ? current.flags.filter((other) => other !== flag) : [...current.flags, flag] }));
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle2" component="h2">{translate('clinrank.ws.flags.label')}</Typography>
      <FormGroup row>
        {FLAGS.map((flag) => (
          <FormControlLabel key={flag} control={<Checkbox size="small" checked={draft.flags.includes(flag)} onChange={() => toggleFlag(flag)} />} label={translate(`clinrank.ws.flags.${flag}`)} />
        ))}
      </FormGroup>
      <TextField
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        label={translate('clinrank.ws.rationale')}
        required={requireRationale}
        helperText={requireRationale ? translate('clinrank.ws.rationale_required') : ' '}
        value={draft.rationale}
        onChange={(event) => update((current) => ({ ...current, rationale: event.target.value }))}
        slotProps={{ htmlInput: { dir: 'auto', style: { unicodeBidi: 'plaintext' }, 'data-testid': 'rationale' } }}
      />
      {allowRewrite && (
        <Box>
          <FormControlLabel control={<Checkbox size="small" checked={draft.showRewrite} onChange={() => update((current) => ({ ...current, showRewrite: !current.showRewrite }))} />} label={translate('clinrank.ws.rewrite')} />
          {draft.showRewrite && (
            <TextField fullWidth multiline minRows={4} label={translate('clinrank.ws.rewrite_hint')} value={draft.rewrite} onChange={(event) => update((current) => ({ ...current, rewrite: event.target.value }))} slotProps={{ htmlInput: { dir: 'auto', style: { unicodeBidi: 'plaintext' } } }} />
          )}
        </Box>
      )}
    </Paper>
  );
}
