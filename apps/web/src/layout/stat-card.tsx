import { Card, CardContent, Typography } from '@mui/material';

/** A labelled count, for the summary rows of the lead dashboards. */
export function StatCard({ label, value }: { label: string; value: number }) {
  return (
    <Card variant="outlined" sx={{ minWidth: 140 }}>
      <CardContent>
        <Typography variant="overline">{label}</Typography>
        <Typography variant="h4" component="p">
          {value}
        </Typography>
      </CardContent>
    </Card>
  );
}
