import { Module } from '@nestjs/common';
import { AgreementResolver } from './agreement.resolver.js';
import { AgreementService } from './agreement.service.js';

@Module({ providers: [AgreementService, AgreementResolver], exports: [AgreementService] })
export class AgreementModule {}
