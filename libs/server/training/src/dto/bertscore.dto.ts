import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { bertScoreCsv, bertScoreMarkdown } from '@clinrank/eval-metrics';
import type { BertScoreResults } from '../bertscore.service.js';

@ObjectType('BertScoreRow', {
  description: "One model's mean BERTScore over its answers (no idf, no baseline rescaling), fractions.",
})
export class BertScoreRowDto {
  @Field() model!: string;
  @Field(() => Float) precision!: number;
  @Field(() => Float) recall!: number;
  @Field(() => Float) f1!: number;
  @Field(() => Int) answers!: number;
}

@ObjectType('BertScoreResults')
export class BertScoreResultsDto {
  @Field(() => ID) projectId!: string;
  @Field(() => ID) runId!: string;
  @Field() finishedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Encoder checkpoint path, or "builtin" (random, for tests).' })
  encoder!: string | null;
  @Field(() => Int, { nullable: true }) layer!: number | null;
  @Field(() => [String], {
    description:
      'Languages the run breaks its results down by, sorted; empty for runs from before the per-language breakdown.',
  })
  languages!: string[];
  @Field(() => String, { nullable: true, description: 'The language of the rows; null = all languages.' }) language!:
    string | null;
  @Field(() => [BertScoreRowDto]) rows!: BertScoreRowDto[];
  @Field({ description: 'The rows as CSV (fractions, four decimals).' }) csv!: string;
  @Field({ description: 'The rows as a Markdown table (percentages).' }) markdown!: string;

  static from(results: BertScoreResults): BertScoreResultsDto {
    const rows = results.rows.map((row) => Object.assign(new BertScoreRowDto(), row));
    return Object.assign(new BertScoreResultsDto(), {
      ...results,
      rows,
      csv: bertScoreCsv(results.rows),
      markdown: bertScoreMarkdown(results.rows),
    });
  }
}
