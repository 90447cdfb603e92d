import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AnnotatorReliability', { description: "One annotator's Dawid–Skene estimate." })
export class AnnotatorReliabilityDto {
  @Field(() => ID) annotatorId: string;
  @Field() username: string;
  @Field(() => Int) labels: number;
  @Field(() => Float, {
    description: 'Σₖ P(k)·P(says k | truth k): the chance this annotator gives the true outcome on a random item.',
  })
  expectedAccuracy: number;
  @Field(() => [[Float]], {
    description: 'Confusion matrix, rows the true outcome and columns the given one, both in `classes` order.',
  })
  confusion: number[][];
}

@ObjectType('AnnotatorReliabilityReport', {
  description: "Dawid–Skene estimates of each annotator's reliability on the project's 'overall' outcomes.",
})
export class AnnotatorReliabilityReportDto {
  @Field() kind: string;
  @Field({ description: 'False for ranking and rating projects: no categorical outcome to fit.' }) supported: boolean;
  @Field(() => [String], { description: "Outcomes, pairwise 'a' meaning the response whose id sorts first." })
  classes: string[];
  @Field(() => Int, { description: 'Judged units: pairs of responses, or validated responses.' }) units: number;
  @Field(() => Int) goldUnits: number;
  @Field(() => Int) iterations: number;
  @Field() converged: boolean;
  @Field(() => [AnnotatorReliabilityDto]) annotators: AnnotatorReliabilityDto[];
}
