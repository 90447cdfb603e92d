import { agreementEn, type AgreementMessages } from '../agreement/i18n-en.js';
import { datasetsEn, type DatasetsMessages } from '../datasets/i18n-en.js';
import { evaluationEn, type EvaluationMessages } from '../evaluation/i18n-en.js';
import { trainingEn, type TrainingMessages } from '../training/i18n-en.js';

/** The ML pages' strings of one language under clinrank.*, from each feature's own catalogue. */
export function mlPages(
  agreement: AgreementMessages,
  datasets: DatasetsMessages,
  evaluation: EvaluationMessages,
  training: TrainingMessages,
) {
  return { clinrank: { agreement, datasets: datasets.datasets, evaluation, training: training.training } };
}

/**
 * Strings of the analytics and ML pages (agreement, datasets, training, evaluations) in English, the base every other
 * language is merged over. The translations (`ml-pages-<lang>.ts`) are loaded on demand with the rest of their language.
 */
export const mlPagesEn = mlPages(agreementEn, datasetsEn, evaluationEn, trainingEn);

export type MlPagesMessages = typeof mlPagesEn;
