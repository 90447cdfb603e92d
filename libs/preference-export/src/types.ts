import type { ChatMessage, LabelContent, LabelFlag, ResponseSource, TaskKind } from '@clinrank/domain';

/** Who produced a label: a clinician in the app, an imported external assessor, or an LLM judge. */
export const ANNOTATOR_KINDS = ['human', 'external', 'judge'] as const;
export type AnnotatorKind = (typeof ANNOTATOR_KINDS)[number];

/** One candidate answer of an item. */
export interface ExportResponse {
  id: string;
  text: string;
  source: ResponseSource;
  model?: string | null;
  generator?: string | null;
}

/** One label as stored, with the pseudonymous id of whoever gave it. */
export interface ExportLabel {
  id: string;
  /** Pseudonymous, stable per annotator; never a name or an e-mail. */
  annotatorId: string;
  annotatorKind: AnnotatorKind;
  /** ISO 8601 timestamp. */
  createdAt: string;
  guidelineVersion: number;
  timeSpentMs: number | null;
  /** Response ids in the order they were shown. */
  displayOrder: string[];
  flags: LabelFlag[];
  rationale?: string | null;
  /** A clinician's rewritten, better answer (feeds the `sft` format). */
  rewrite?: string | null;
  content: LabelContent;
}

/** A synthetic preference proposed by a generator, which validation labels accept, fix or reject. */
export interface ProposedPair {
  chosen: string;
  rejected: string;
}

/** A lead's ruling on an item (review page): authoritative over the clinicians' votes on what it rules. */
export interface ExportAdjudication {
  id: string;
  /** Pseudonymous id of the lead. */
  leadId: string;
  /** ISO 8601 timestamp of the latest ruling. */
  createdAt: string;
  /** Guideline version the ruling was made under (the latest of the item's labels). */
  guidelineVersion: number;
  content: LabelContent;
  rationale?: string | null;
}

/** One question with its candidate answers and every label on them; items stream in ascending id order. */
export interface ExportItem {
  id: string;
  language: string;
  specialty: string | null;
  /** A single-turn question; used when `messages` is absent. */
  prompt?: string;
  /** A dialogue; the answers continue it (the last turn is normally the user's). */
  messages?: ChatMessage[];
  reference?: string | null;
  isGold: boolean;
  metadata: Record<string, unknown>;
  responses: ExportResponse[];
  labels: ExportLabel[];
  /** Validation projects only: the pair the generator proposes. */
  proposedPair?: ProposedPair | null;
  /** The lead's ruling, when the item was adjudicated. */
  adjudication?: ExportAdjudication | null;
}

/** How one vote came out: a preference, a tie, "both bad", or (validation) a rejected proposal. */
export type Outcome = 'win' | 'tie' | 'both_bad' | 'invalid';

/** One annotator's verdict on one unordered pair of responses under one criterion. */
export interface Vote {
  labelId: string;
  annotatorId: string;
  labelKind: TaskKind;
  createdAt: string;
  /** For a win the preferred response; otherwise the smaller id. */
  winner: string;
  /** For a win the other response; otherwise the larger id. */
  loser: string;
  outcome: Outcome;
  /** Strength of the preference (see README); 0 for ties. */
  margin: number;
  /** Rating votes: the absolute scores of winner and loser. */
  winnerScore: number | null;
  loserScore: number | null;
  /** Validation `fix` verdicts: responseId → the clinician's fixed text. */
  fixes: Record<string, string>;
  /** Cast by a lead's adjudication rather than a clinician's label. */
  adjudicated: boolean;
}

export interface VoteCounts {
  chosen: number;
  rejected: number;
  tie: number;
  bothBad: number;
  invalid: number;
}

/** One preference pair after aggregation, ready for a format writer. */
export interface PreferencePair {
  itemId: string;
  /** Records are grouped by this for the `ranking` format: the label id (per-annotator) or the item id. */
  group: string;
  chosen: string;
  rejected: string;
  tie: boolean;
  bothBad: boolean;
  /** Bradley–Terry: the fitted P(chosen ≻ rejected); null for the other policies (margins then come from the votes). */
  probability: number | null;
  chosenScore: number | null;
  rejectedScore: number | null;
  /** Every vote on this unordered pair (per-annotator: just this one), relative to chosen/rejected. */
  votes: VoteCounts;
  /** Distinct annotators who voted on this pair (any outcome), sorted. */
  annotators: string[];
  /** Per-annotator records: whose vote and which label this is; null for aggregated pairs. */
  annotatorId: string | null;
  labelId: string | null;
  labelKinds: TaskKind[];
  /** Share of the most common outcome among all votes on this pair; null when nobody voted on it directly (Bradley–Terry). */
  agreement: number | null;
  /** responseId → text replacing the original (validation fixes). */
  texts: Record<string, string>;
  /** The pair's outcome is a lead's ruling. */
  adjudicated: boolean;
}

export type ExportRecord = Record<string, unknown>;
