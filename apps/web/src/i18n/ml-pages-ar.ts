import { agreementAr } from '../agreement/i18n-ar.js';
import { datasetsAr } from '../datasets/i18n-ar.js';
import { evaluationAr } from '../evaluation/i18n-ar.js';
import { trainingAr } from '../training/i18n-ar.js';
import { mlPages } from './ml-pages-en.js';

/** Arabic strings of the analytics and ML pages; loaded on demand with the rest of the Arabic catalogue. */
export const mlPagesAr = mlPages(agreementAr, datasetsAr, evaluationAr, trainingAr);
