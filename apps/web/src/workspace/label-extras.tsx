import { Box, Checkbox, Chip, FormControlLabel, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Draft } from './drafts.js';

export const FLAGS = ['unsafe', 'factual_error', 'contains_phi', 'not_answerable', 'wrong_language'] as const;

/** Flags (toggle chips), the rationale box and the optional rewrite editor, compact enough for the decision bar. */
export function LabelExtras({
  draft,
  update,
  requireRationale,
  allowRewrite,
  rationaleMissing,
}: {
  draft: Draft;
  update: (change: (draft: Draft) => Draft) => void;
  requireRationale: boolean;
  allowRewrite: boolean;
  rationaleMissing: boolean;
}) {
  const translate = useTranslate();
  const toggleFlag = (flag: string) =>
    update((current) => ({
      ...current,
      flags: current.flags.includes(flag) ? current.flags.filter((other) => other !== flag) : [...current.flags, flag],
    }));
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.75 }}>
      <Box
        role="group"
        aria-labelledby="flags-label"
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, alignItems: 'center' }}
        data-testid="flags"
      >
        <Typography id="flags-label" variant="subtitle2" component="h2" sx={{ marginInlineEnd: 0.5 }}>
          {translate('clinrank.ws.flags.label')}
        </Typography>
        {FLAGS.map((flag) => {
          const on = draft.flags.includes(flag);
          return (
            <Chip
              key={flag}
              size="small"
              clickable
              color={on ? 'warning' : 'default'}
              variant={on ? 'filled' : 'outlined'}
              aria-pressed={on}
              data-testid={`flag-${flag}`}
              label={translate(`clinrank.ws.flags.${flag}`)}
              onClick={() => toggleFlag(flag)}
            />
          );
        })}
      </Box>
      <TextField
        fullWidth
        multiline
        size="small"
        minRows={1}
        maxRows={3}
        label={translate('clinrank.ws.rationale')}
        required={requireRationale}
        error={rationaleMissing}
        helperText={rationaleMissing ? translate('clinrank.ws.rationale_required') : undefined}
        value={draft.rationale}
        onChange={(event) => update((current) => ({ ...current, rationale: event.target.value }))}
        slotProps={{ htmlInput: { dir: 'auto', style: { unicodeBidi: 'plaintext' }, 'data-testid': 'rationale' } }}
      />
      {allowRewrite && (
        <Box>
          <FormControlLabel
            sx={{ my: -0.5 }}
            control={
              <Checkbox
                size="small"
                checked={draft.showRewrite}
                onChange={() => update((current) => ({ ...current, showRewrite: !current.showRewrite }))}
              />
            }
            label={<Typography variant="body2">{translate('clinrank.ws.rewrite')}</Typography>}
          />
          {draft.showRewrite && (
            <TextField
              fullWidth
              multiline
              size="small"
              minRows={2}
              maxRows={5}
              label={translate('clinrank.ws.rewrite_hint')}
              value={draft.rewrite}
              onChange={(event) => update((current) => ({ ...current, rewrite: event.target.value }))}
              slotProps={{ htmlInput: { dir: 'auto', style: { unicodeBidi: 'plaintext' } } }}
            />
          )}
        </Box>
      )}
    </Box>
  );
}
