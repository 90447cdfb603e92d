import { agreementEs } from '../agreement/i18n-es.js';
import { datasetsEs } from '../datasets/i18n-es.js';
import { evaluationEs } from '../evaluation/i18n-es.js';
import { trainingEs } from '../training/i18n-es.js';
import { mlPages } from './ml-pages-en.js';

/** Spanish strings of the analytics and ML pages; loaded on demand with the rest of the Spanish catalogue. */
export const mlPagesEs = mlPages(agreementEs, datasetsEs, evaluationEs, trainingEs);
