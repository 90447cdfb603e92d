import { graphql } from '../gql/index.js';
import type { UncertaintyDistributionQuery } from '../gql/graphql.js';

export const UNCERTAINTY_DISTRIBUTION = graphql(`
  query UncertaintyDistribution($projectId: ID!) {
    uncertaintyDistribution(projectId: $projectId) {
      queueOrder
      scored
      unscored
      runId
      scoredAt
      minScore
      maxScore
      bins {
        lower
        upper
        count
      }
    }
  }
`);

export type UncertaintyDistribution = UncertaintyDistributionQuery['uncertaintyDistribution'];
