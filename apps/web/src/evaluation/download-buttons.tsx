import { Button, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { download } from './evaluation-query.js';

/** CSV and Markdown buttons for a table the API already formatted; files are named `<basename>.csv|.md`. */
export function DownloadButtons({ basename, csv, markdown }: { basename: string; csv: string; markdown: string }) {
  const t = useTranslate();
  return (
    <Stack direction="row" spacing={1}>
      <Button size="small" onClick={() => download(`${basename}.csv`, csv, 'text/csv')}>
        {t('clinrank.evaluation.download_csv')}
      </Button>
      <Button size="small" onClick={() => download(`${basename}.md`, markdown, 'text/markdown')}>
        {t('clinrank.evaluation.download_markdown')}
      </Button>
    </Stack>
  );
}
