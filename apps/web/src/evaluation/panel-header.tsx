import { Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A panel's title on the left and its controls (selectors, downloads) on the right, wrapping on narrow screens. */
export function PanelHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <Stack
      direction="row"
      justifyContent="space-between"
      alignItems="center"
      spacing={2}
      flexWrap="wrap"
      useFlexGap
      sx={{ mb: 1 }}
    >
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        {children}
      </Stack>
    </Stack>
  );
}

/** Props for a select whose empty value is a real choice ("None", "All languages"): show it, with the label above. */
export const SHOW_EMPTY = { slotProps: { select: { displayEmpty: true }, inputLabel: { shrink: true } } } as const;
