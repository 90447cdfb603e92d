import { agreementZh } from '../agreement/i18n-zh.js';
import { datasetsZh } from '../datasets/i18n-zh.js';
import { evaluationZh } from '../evaluation/i18n-zh.js';
import { trainingZh } from '../training/i18n-zh.js';
import { mlPages } from './ml-pages-en.js';

/** Chinese strings of the analytics and ML pages; loaded on demand with the rest of the Chinese catalogue. */
export const mlPagesZh = mlPages(agreementZh, datasetsZh, evaluationZh, trainingZh);
