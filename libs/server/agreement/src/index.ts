export { AgreementService } from './agreement.service.js';
export { AgreementCache, cacheKey } from './agreement-cache.js';
export { addProjectAgreementOptions, projectAgreementRunner } from './agreement-cli.js';
export { projectStamp } from './agreement-labels.js';
export { AgreementModule } from './agreement.module.js';
export { AgreementCacheEntity } from './agreement-cache.entity.js';
export { AgreementLabelChangeEntity, AgreementTallyEntity } from './agreement-tally.entity.js';
