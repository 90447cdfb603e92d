import type { MetricSeries, TrainingRun } from './training-queries.js';

/** The trainer's defaults and band width (libs/trainer: cli.py's --target-kl 6 and --kl-coef 0.05, ppo_config.KL_BAND 0.5). */
export const DEFAULT_TARGET_KL = 6;
export const DEFAULT_KL_COEF = 0.05;
export const KL_BAND = 0.5;

export interface KlControl {
  adaptive: boolean;
  target: number;
  bandLow: number;
  bandHigh: number;
  /** β at the first and the latest step that reported it (null before the first PPO step). */
  betaFirst: number | null;
  betaLast: number | null;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** How a PPO run chooses β: from its options (the trainer's defaults where unset) and its β series so far. */
export function klControl(run: Pick<TrainingRun, 'config'>, metrics: MetricSeries[]): KlControl {
  const config = (run.config ?? {}) as { options?: Record<string, unknown> };
  const options = config.options ?? {};
  const target = numberOr(options.targetKl, DEFAULT_TARGET_KL);
  const beta = metrics.find((entry) => entry.name === 'objective/kl_coef');
  const betas = (beta?.values ?? []).filter((value): value is number => typeof value === 'number');
  return {
    adaptive: options.adaptiveKl === true,
    target,
    bandLow: target * (1 - KL_BAND),
    bandHigh: target * (1 + KL_BAND),
    betaFirst: betas.length ? betas[0]! : null,
    betaLast: betas.length ? betas[betas.length - 1]! : null,
  };
}

/** Step-axis ticks: whole steps as integers ("700", not "700.000000"), anything else with at most 3 decimals. */
export function formatStep(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}
