import { graphql } from '../gql/index.js';
import type { AgreementSummaryQuery, ConfusionMatrixQuery, AnnotatorQualityQuery } from '../gql/graphql.js';

export const AGREEMENT_SUMMARY = graphql(`
  query AgreementSummary($projectId: ID!, $filter: AgreementFilterInput) {
    agreementSummary(projectId: $projectId, filter: $filter) {
      kind
      labels
      items
      coders
      seed
      criteria {
        criterion
        units
        coders
        headlineLevel
        percentAgreement
        fleissKappa
        kendallW
        cohenKappa {
          coderA
          coderB
          n
          kappa
        }
        alphaNominal {
          level
          alpha
          reason
          low
          high
          resamples
        }
        alphaOrdinal {
          level
          alpha
          reason
          low
          high
          resamples
        }
        alphaInterval {
          level
          alpha
          reason
          low
          high
          resamples
        }
      }
      cache {
        source
        computeMs
        computedAt
      }
    }
  }
`);

export const ANNOTATOR_QUALITY = graphql(`
  query AnnotatorQuality($projectId: ID!, $filter: AgreementFilterInput, $thresholds: AnnotatorThresholdsInput) {
    annotatorQuality(projectId: $projectId, filter: $filter, thresholds: $thresholds) {
      criterion
      annotators {
        coder
        annotatorId
        labels
        flagged
        flagReasons
        medianSeconds
        checks {
          kind
          status
          value
          threshold
          n
          minN
          pValue
        }
        looAgreement {
          n
          rate
        }
        gold {
          n
          accuracy
        }
        positionBias {
          n
          share
          pValue
        }
        tieRate {
          n
          rate
        }
        weekly {
          week
          n
          rate
        }
      }
    }
  }
`);

export const CONFUSION_MATRIX = graphql(`
  query ConfusionMatrix(
    $projectId: ID!
    $criterion: String
    $coderA: String!
    $coderB: String!
    $filter: AgreementFilterInput
  ) {
    confusionMatrix(projectId: $projectId, criterion: $criterion, coderA: $coderA, coderB: $coderB, filter: $filter) {
      criterion
      coderA
      coderB
      categories
      counts
      n
    }
  }
`);

export type AgreementSummary = AgreementSummaryQuery['agreementSummary'];
export type CriterionAgreement = AgreementSummary['criteria'][number];
export type AlphaEstimate = CriterionAgreement['alphaNominal'];
export type AnnotatorQuality = AnnotatorQualityQuery['annotatorQuality'];
export type AnnotatorRow = AnnotatorQuality['annotators'][number];
/** One threshold applied to an annotator: flagged, ok, or not_enough labels to judge (with n of minN). */
export type AnnotatorCheck = AnnotatorRow['checks'][number];
export type ConfusionMatrix = ConfusionMatrixQuery['confusionMatrix'];

export interface DashboardFilter {
  criterion: string;
  language: string;
  specialty: string;
  from: string;
  to: string;
}

/** The GraphQL filter: empty fields left out, dates (yyyy-mm-dd) as the start of that day in UTC; `to` includes its day. */
export function filterInput(filter: DashboardFilter): Record<string, string> {
  const input: Record<string, string> = {};
  if (filter.criterion) input.criterion = filter.criterion;
  if (filter.language) input.language = filter.language;
  if (filter.specialty) input.specialty = filter.specialty;
  if (filter.from) input.from = new Date(`${filter.from}T00:00:00Z`).toISOString();
  if (filter.to) input.to = new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000).toISOString();
  return input;
}

/** The alpha a project kind is judged by (nominal for pairwise, interval for ratings, ordinal for rankings). */
export function headlineAlpha(criterion: CriterionAgreement): AlphaEstimate {
  if (criterion.headlineLevel === 'interval' && criterion.alphaInterval) return criterion.alphaInterval;
  if (criterion.headlineLevel === 'ordinal' && criterion.alphaOrdinal) return criterion.alphaOrdinal;
  return criterion.alphaNominal;
}
