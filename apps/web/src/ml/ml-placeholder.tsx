import { Alert, Box, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';

/** A menu target for ML pages that arrive with their own issues (datasets, training runs, evaluations). */
export default function MlPlaceholder({ page }: { page: 'datasets' | 'trainingRuns' | 'evaluations' }) {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate(`clinrank.menu.${page}`)} />
      <Typography variant="h5" component="h1" gutterBottom>{translate(`clinrank.menu.${page}`)}</Typography>
      <Alert severity="info">{translate('clinrank.ml.coming')}</Alert>
    </Box>
  );
}
