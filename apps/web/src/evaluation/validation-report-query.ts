import { gql } from '@apollo/client';
import type { Interval } from './evaluation-query.js';

const AGREEMENT_FIELDS = 'alpha reason units pairableValues';

export const VALIDATION_REPORT = gql`
  query ValidationReport($projectId: ID!) {
    validationReport(projectId: $projectId) {
      labels csv markdown
      overall { ${AGREEMENT_FIELDS} }
      generators {
        generator n accepts fixes rejects acceptanceRate acceptanceInterval { low high } strictRate
        rejectionReasons { reason count }
        agreement { ${AGREEMENT_FIELDS} }
      }
    }
  }
`;

export interface VerdictAgreement {
  alpha: number | null;
  reason: string | null;
  units: number;
  pairableValues: number;
}

export interface GeneratorValidation {
  generator: string;
  n: number;
  accepts: number;
  fixes: number;
  rejects: number;
  acceptanceRate: number;
  acceptanceInterval: Interval;
  strictRate: number;
  rejectionReasons: Array<{ reason: string; count: number }>;
  agreement: VerdictAgreement;
}

export interface ValidationReport {
  labels: number;
  csv: string;
  markdown: string;
  overall: VerdictAgreement;
  generators: GeneratorValidation[];
}
