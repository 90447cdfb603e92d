import { agreementFr } from '../agreement/i18n-fr.js';
import { datasetsFr } from '../datasets/i18n-fr.js';
import { evaluationFr } from '../evaluation/i18n-fr.js';
import { trainingFr } from '../training/i18n-fr.js';
import { mlPages } from './ml-pages-en.js';

/** French strings of the analytics and ML pages; loaded on demand with the rest of the French catalogue. */
export const mlPagesFr = mlPages(agreementFr, datasetsFr, evaluationFr, trainingFr);
