import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum JudgeModeEnum {
  EXCLUDE = 'exclude',
  INCLUDE = 'include',
  ONLY = 'only',
}
registerEnumType(JudgeModeEnum, {
  name: 'JudgeMode',
  description:
    'Labels from automated judges (users of kind judge): left out (default), counted with the clinicians, or alone.',
});

export enum ReportGroupByEnum {
  LANGUAGE = 'language',
  SPECIALTY = 'specialty',
  QUESTION_TYPE = 'questionType',
}
registerEnumType(ReportGroupByEnum, { name: 'ReportGroupBy' });

export enum BothBadPolicyEnum {
  TIE = 'tie',
  EXCLUDE = 'exclude',
}
registerEnumType(BothBadPolicyEnum, {
  name: 'BothBadPolicy',
  description: 'How "both bad" judgements count: as ties (default) or not at all.',
});

export enum CampaignStrategyEnum {
  ALL_PAIRS = 'all-pairs',
  BASELINE = 'baseline',
}
registerEnumType(CampaignStrategyEnum, { name: 'CampaignStrategy' });

export enum CampaignSelectionEnum {
  UNIFORM = 'uniform',
  ACTIVE = 'active',
}
registerEnumType(CampaignSelectionEnum, {
  name: 'CampaignSelection',
  description:
    'How the next planned pair is chosen: UNIFORM (default) shows the pair least used on the item; ACTIVE draws it from the Bradley–Terry intervals that still overlap, weighted toward the top of the leaderboard.',
});

@ObjectType('Interval')
export class IntervalDto {
  @Field(() => Float) low: number;
  @Field(() => Float) high: number;
}

@ObjectType('WinTieLoseRow', {
  description: 'Win/tie/lose of model against baseline; rates are fractions 0..1 with Wilson intervals.',
})
export class WinTieLoseRowDto {
  @Field() model: string;
  @Field() baseline: string;
  @Field() criterion: string;
  @Field(() => String, { nullable: true }) groupBy: string | null;
  @Field(() => String, { nullable: true }) group: string | null;
  @Field(() => Int) n: number;
  @Field(() => Int) wins: number;
  @Field(() => Int) ties: number;
  @Field(() => Int) losses: number;
  @Field(() => Int) bothBad: number;
  @Field(() => Float, { nullable: true }) winRate: number | null;
  @Field(() => Float, { nullable: true }) tieRate: number | null;
  @Field(() => Float, { nullable: true }) loseRate: number | null;
  @Field(() => IntervalDto, { nullable: true }) winInterval: IntervalDto | null;
  @Field(() => IntervalDto, { nullable: true }) tieInterval: IntervalDto | null;
  @Field(() => IntervalDto, { nullable: true }) loseInterval: IntervalDto | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Two-sided test of wins against losses: exact sign test when every item has one judgement, else from the item bootstrap.',
  })
  signTestP: number | null;
  @Field(() => Int, { description: 'Items behind the judgements (the unit the intervals resample).' }) items: number;
  @Field({
    description: 'wilson (one judgement per item) or item-bootstrap (items resampled, as the leaderboard does).',
  })
  intervalMethod: string;
}

@ObjectType('LeaderboardRow')
export class LeaderboardRowDto {
  @Field(() => Int) rank: number;
  @Field() model: string;
  @Field(() => Float, { description: 'Bradley–Terry log-strength, centred to mean 0.' }) strength: number;
  @Field(() => Float, { nullable: true }) low: number | null;
  @Field(() => Float, { nullable: true }) high: number | null;
  @Field(() => Float) elo: number;
  @Field(() => Int) games: number;
  @Field(() => Int) wins: number;
  @Field(() => Int) ties: number;
  @Field(() => Int) losses: number;
}

@ObjectType('Leaderboard')
export class LeaderboardDto {
  @Field() criterion: string;
  @Field(() => [LeaderboardRowDto]) rows: LeaderboardRowDto[];
  @Field(() => Int) items: number;
  @Field(() => Int) judgements: number;
  @Field(() => Int) resamples: number;
  @Field() converged: boolean;
}

@ObjectType('JudgeAgreement', {
  description: "An automated judge's agreement with the clinicians' majority on each (item, model pair).",
})
export class JudgeAgreementDto {
  @Field() judge: string;
  @Field(() => Int) n: number;
  @Field(() => Int) agreeing: number;
  @Field(() => Float, { nullable: true }) share: number | null;
  @Field(() => IntervalDto, { nullable: true }) interval: IntervalDto | null;
  @Field(() => Int) withoutMajority: number;
}

@ObjectType('ReasonCount')
export class ReasonCountDto {
  @Field() reason: string;
  @Field(() => Int) count: number;
}

@ObjectType('EvaluationReport')
export class EvaluationReportDto {
  @Field(() => ID) projectId: string;
  @Field() criterion: string;
  @Field(() => String, { nullable: true }) baseline: string | null;
  @Field(() => ReportGroupByEnum, { nullable: true }) groupBy: ReportGroupByEnum | null;
  @Field(() => JudgeModeEnum) judges: JudgeModeEnum;
  @Field(() => BothBadPolicyEnum) bothBad: BothBadPolicyEnum;
  @Field(() => [String]) models: string[];
  @Field(() => Int) judgements: number;
  @Field(() => Int) items: number;
  @Field(() => [WinTieLoseRowDto]) rows: WinTieLoseRowDto[];
  @Field(() => LeaderboardDto) leaderboard: LeaderboardDto;
  @Field(() => [JudgeAgreementDto]) judgeAgreement: JudgeAgreementDto[];
  @Field(() => [ReasonCountDto], { description: 'Comparisons that could not be mapped to two different models.' })
  skipped: ReasonCountDto[];
  @Field({ description: 'The win/tie/lose table as CSV (percentages).' }) csv: string;
  @Field({ description: "The win/tie/lose table as Markdown, like a paper's table." }) markdown: string;
  @Field() leaderboardCsv: string;
  @Field() leaderboardMarkdown: string;
}

@ObjectType('CampaignPlan')
export class CampaignPlanDto {
  @Field(() => CampaignStrategyEnum) strategy: CampaignStrategyEnum;
  @Field(() => String, { nullable: true }) baseline: string | null;
  @Field(() => CampaignSelectionEnum) selection: CampaignSelectionEnum;
}

@ObjectType('ModelMetricsRow', { description: 'Corpus scores of one model, fractions 0..1.' })
export class ModelMetricsRowDto {
  @Field() model: string;
  @Field(() => Int) answers: number;
  @Field(() => Float) bleu1: number;
  @Field(() => Float) bleu2: number;
  @Field(() => Float) bleu3: number;
  @Field(() => Float) bleu4: number;
  @Field(() => Float) gleu: number;
  @Field(() => Float) rouge1: number;
  @Field(() => Float) rouge2: number;
  @Field(() => Float) rougeL: number;
  @Field(() => Float) sentenceBleu4: number;
}

@ObjectType('ModelMetricsReport')
export class ModelMetricsReportDto {
  @Field(() => ID) projectId: string;
  @Field(() => String, { nullable: true, description: 'The language the answers were filtered to; null = all.' })
  language: string | null;
  @Field(() => [String], { description: "Languages of the project's answers that have references, sorted." })
  languages: string[];
  @Field(() => [ModelMetricsRowDto]) rows: ModelMetricsRowDto[];
  @Field(() => Int) answersWithoutReference: number;
  @Field() csv: string;
  @Field() markdown: string;
}

@ObjectType('VerdictAgreement', {
  description: "Krippendorff's alpha (nominal) between validators; null alpha comes with a reason.",
})
export class VerdictAgreementDto {
  @Field(() => Float, { nullable: true }) alpha: number | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => Int) units: number;
  @Field(() => Int) pairableValues: number;
}

@ObjectType('GeneratorValidation')
export class GeneratorValidationDto {
  @Field() generator: string;
  @Field(() => Int) n: number;
  @Field(() => Int) accepts: number;
  @Field(() => Int) fixes: number;
  @Field(() => Int) rejects: number;
  @Field(() => Float, { description: '(accept + fix) / n' }) acceptanceRate: number;
  @Field(() => IntervalDto) acceptanceInterval: IntervalDto;
  @Field(() => Float, { description: 'accept / n' }) strictRate: number;
  @Field(() => IntervalDto) strictInterval: IntervalDto;
  @Field(() => [ReasonCountDto]) rejectionReasons: ReasonCountDto[];
  @Field(() => [ReasonCountDto]) fixReasons: ReasonCountDto[];
  @Field(() => VerdictAgreementDto) agreement: VerdictAgreementDto;
}

@ObjectType('ValidationReport')
export class ValidationReportDto {
  @Field(() => ID) projectId: string;
  @Field(() => [GeneratorValidationDto]) generators: GeneratorValidationDto[];
  @Field(() => VerdictAgreementDto) overall: VerdictAgreementDto;
  @Field(() => Int) labels: number;
  @Field() csv: string;
  @Field() markdown: string;
}
