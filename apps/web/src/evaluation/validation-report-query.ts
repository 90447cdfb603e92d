import { graphql } from '../gql/index.js';
import type { ValidationReportQuery } from '../gql/graphql.js';

graphql(`
  fragment VerdictAgreementFields on VerdictAgreement {
    alpha
    reason
    units
    pairableValues
  }
`);

export const VALIDATION_REPORT = graphql(`
  query ValidationReport($projectId: ID!) {
    validationReport(projectId: $projectId) {
      labels
      csv
      markdown
      overall {
        ...VerdictAgreementFields
      }
      generators {
        generator
        n
        accepts
        fixes
        rejects
        acceptanceRate
        acceptanceInterval {
          low
          high
        }
        strictRate
        rejectionReasons {
          reason
          count
        }
        agreement {
          ...VerdictAgreementFields
        }
      }
    }
  }
`);

export type ValidationReport = ValidationReportQuery['validationReport'];
export type GeneratorValidation = ValidationReport['generators'][number];
export type VerdictAgreement = ValidationReport['overall'];
