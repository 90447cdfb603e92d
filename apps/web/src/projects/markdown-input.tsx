import { Box, Paper, Tab, Tabs, TextField } from '@mui/material';
import { useState } from 'react';
import { useInput, useTranslate } from 'react-admin';
import { MarkdownView } from '../workspace/markdown-view.js';

/** A markdown editor with a preview tab (the preview uses the same sanitised renderer as the workspace). */
export function MarkdownInput({ source, label }: { source: string; label: string }) {
  const translate = useTranslate();
  const { field } = useInput({ source });
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  return (
    <Box sx={{ width: '100%', mb: 2 }}>
      <Tabs value={tab} onChange={(_event, value) => setTab(value)} aria-label={translate(label)}>
        <Tab value="write" label={translate('clinrank.projects.edit_markdown')} />
        <Tab value="preview" label={translate('clinrank.projects.preview')} />
      </Tabs>
      {tab === 'write' ? (
        <TextField
          {...field}
          value={field.value ?? ''}
          label={translate(label)}
          multiline
          minRows={8}
          fullWidth
          slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'guidelines-editor' } }}
        />
      ) : (
        <Paper variant="outlined" sx={{ p: 2, minHeight: 200 }}>
          <MarkdownView text={field.value ?? ''} />
        </Paper>
      )}
    </Box>
  );
}
