import { agreementIt } from '../agreement/i18n-it.js';
import { datasetsIt } from '../datasets/i18n-it.js';
import { evaluationIt } from '../evaluation/i18n-it.js';
import { trainingIt } from '../training/i18n-it.js';
import { mlPages } from './ml-pages-en.js';

/** Italian strings of the analytics and ML pages; loaded on demand with the rest of the Italian catalogue. */
export const mlPagesIt = mlPages(agreementIt, datasetsIt, evaluationIt, trainingIt);
