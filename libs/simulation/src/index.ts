export {
  simulateCampaign,
  estimateStrengths,
  LEADERBOARD_LOG_STRENGTHS,
  SIMULATED_CAMPAIGN_STRATEGIES,
  type CampaignStrategy,
  type CampaignSimulationOptions,
  type CampaignSimulationResult,
  type CampaignVotes,
  type StrengthEstimates,
} from './campaign-simulation.js';
export {
  simulateLabelling,
  drawPairs,
  LABELLING_STRATEGIES,
  DEFAULT_ADAPTIVE_OVERLAP,
  type LabellingStrategy,
  type LabellingSimulationOptions,
  type LabellingSimulationResult,
  type SimulatedPair,
} from './labelling-simulation.js';
export { readRatedItems, type RatedItem } from './rated-items.js';
