import { Alert, Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { klControl } from './kl-control.js';
import { MetricChart } from './metric-chart.js';
import type { RunDetail } from './training-queries.js';

function formatBeta(value: number | null): string {
  return value === null ? '—' : String(Number(value.toPrecision(3)));
}

/** The KL controller of a PPO run in one line: target and band (adaptive) or the fixed β, and β so far. */
function KlControlNote({ detail }: { detail: RunDetail }) {
  const translate = useTranslate();
  const control = klControl(detail.run, detail.metrics);
  const text = control.adaptive
    ? translate('clinrank.training.kl_adaptive_note', {
        target: control.target,
        low: control.bandLow,
        high: control.bandHigh,
        first: formatBeta(control.betaFirst),
        last: formatBeta(control.betaLast),
      })
    : translate('clinrank.training.kl_fixed_note', { beta: formatBeta(control.betaFirst) });
  return (
    <Alert severity="info" data-testid="kl-control">
      {text}
    </Alert>
  );
}

/** A number from a run's summary (JSON: any value), or null when the summary has none under that key. */
function summaryNumber(summary: unknown, key: string): number | null {
  const value = typeof summary === 'object' && summary !== null ? (summary as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A finished reward model: the epoch kept and the held-out accuracy with its interval over prompts. */
function KeptEpochNote({ detail }: { detail: RunDetail }) {
  const translate = useTranslate();
  const { summary } = detail.run;
  const [best, runEpochs, loss, accuracy, low, high, prompts] = [
    'best_epoch',
    'epochs_run',
    'best_eval_loss',
    'eval_accuracy',
    'eval_accuracy_ci_low',
    'eval_accuracy_ci_high',
    'eval_prompts',
  ].map((key) => summaryNumber(summary, key));
  if (best === null || accuracy === null || low === null || high === null) return null;
  const fixed = (value: number | null) => (value === null ? '—' : value.toFixed(3));
  return (
    <Alert severity="info" data-testid="kept-epoch">
      {translate('clinrank.training.kept_epoch_note', {
        best,
        epochs: runEpochs ?? '—',
        loss: fixed(loss),
        accuracy: fixed(accuracy),
        low: fixed(low),
        high: fixed(high),
        prompts: prompts ?? '—',
      })}
    </Alert>
  );
}

/** A run's charts: reward-model losses, or PPO's warm-up, reward, KL (with its band) and β on separate axes. */
export function RunCharts({ detail }: { detail: RunDetail }) {
  const translate = useTranslate();
  const { run, metrics, earlierMetrics: earlier } = detail;
  const t = (key: string) => translate(`clinrank.training.${key}`);
  if (run.kind !== 'ppo') {
    return (
      <>
        <KeptEpochNote detail={detail} />
        <MetricChart title={t('loss_accuracy')} metrics={metrics} earlier={earlier} names={['loss', 'accuracy']} />
        <MetricChart
          title={t('eval_curves')}
          metrics={metrics}
          earlier={earlier}
          names={['eval_loss', 'eval_accuracy']}
        />
      </>
    );
  }
  const control = klControl(run, metrics);
  const band = control.adaptive
    ? [
        { y: control.target, label: t('kl_target') },
        { y: control.bandLow, label: t('kl_band_low') },
        { y: control.bandHigh, label: t('kl_band_high') },
      ]
    : [];
  return (
    <>
      <KlControlNote detail={detail} />
      <MetricChart title={t('sft_warmup')} metrics={metrics} earlier={earlier} names={['sft_loss']} />
      <Box
        sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'repeat(2, minmax(0, 1fr))' } }}
      >
        <MetricChart
          title={t('reward')}
          metrics={metrics}
          earlier={earlier}
          names={['objective/scores', 'objective/rlhf_reward']}
        />
        <MetricChart
          title={t('kl')}
          metrics={metrics}
          earlier={earlier}
          names={['objective/kl']}
          referenceLines={band}
        />
        <MetricChart title={t('kl_coef')} metrics={metrics} earlier={earlier} names={['objective/kl_coef']} />
        <MetricChart
          title={t('clip_fraction')}
          metrics={metrics}
          earlier={earlier}
          names={['policy/clipfrac_avg', 'policy/approxkl_avg']}
        />
      </Box>
    </>
  );
}
