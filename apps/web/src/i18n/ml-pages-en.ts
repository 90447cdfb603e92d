import { agreementEn } from '../agreement/i18n.en.js';
import { datasetsEn } from '../datasets/i18n.en.js';
import { evaluationEn } from '../evaluation/i18n.en.js';
import { trainingEn } from '../training/i18n.en.js';

/**
 * Strings of the analytics and ML pages (agreement, datasets, training, evaluations). They are in English only for now:
 * the other catalogues fall back to them through the English base.
 */
export const mlPagesEn = {
  clinrank: {
    agreement: agreementEn,
    datasets: datasetsEn.datasets,
    evaluation: evaluationEn,
    training: trainingEn.training,
  },
};
