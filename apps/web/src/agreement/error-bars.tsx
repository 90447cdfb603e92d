import { useXScale, useYScale } from '@mui/x-charts/hooks';

/** Whiskers from `low` to `high` over each category of a band x-axis: a confidence interval drawn on its bar. */
export function ErrorBars({
  categories,
  lows,
  highs,
}: {
  categories: string[];
  lows: (number | null)[];
  highs: (number | null)[];
}) {
  const x = useXScale<'band'>();
  const y = useYScale<'linear'>();
  const cap = Math.min(12, x.bandwidth() / 6);
  return (
    <g data-testid="error-bars">
      {categories.map((category, index) => {
        const low = lows[index];
        const high = highs[index];
        const left = x(category);
        if (low === null || high === null || low === undefined || high === undefined || left === undefined) return null;
        const centre = left + x.bandwidth() / 2;
        const [top, bottom] = [y(high), y(low)];
        return (
          <g key={category} stroke="#37474f" strokeWidth={1.5} data-testid="error-bar">
            <line x1={centre} x2={centre} y1={top} y2={bottom} />
            <line x1={centre - cap} x2={centre + cap} y1={top} y2={top} />
            <line x1={centre - cap} x2={centre + cap} y1={bottom} y2={bottom} />
          </g>
        );
      })}
    </g>
  );
}
