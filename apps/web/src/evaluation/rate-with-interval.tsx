import { Box } from '@mui/material';
import { pct, type Interval } from './evaluation-query.js';

/** A rate as a percentage with its 95% interval in a smaller, secondary text: `62.5 [55.1, 69.3]`. */
export function RateWithInterval({ rate, interval }: { rate: number | null; interval: Interval | null }) {
  // dir="ltr": in a right-to-left page the bidi algorithm would otherwise show the interval as [high, low].
  return (
    <Box component="span" dir="ltr" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {pct(rate)}
      {interval && ' '}
      {interval && (
        <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.8em' }}>
          [{pct(interval.low)}, {pct(interval.high)}]
        </Box>
      )}
    </Box>
  );
}
