import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('UncertaintyBin', { description: 'Items whose uncertainty score lies in [lower, upper).' })
export class UncertaintyBinDto {
  @Field(() => Float) lower: number;
  @Field(() => Float) upper: number;
  @Field(() => Int) count: number;
}

@ObjectType('UncertaintyDistribution', {
  description:
    "How unsure the project's latest reward model is about its open items (score: the negated smallest reward gap " +
    'between two responses of an item; higher is less certain). Leads and admins only.',
})
export class UncertaintyDistributionDto {
  @Field(() => ID) projectId: string;
  @Field({ description: "'fixed' or 'uncertainty'" }) queueOrder: string;
  @Field(() => Int, { description: 'Items with a score.' }) scored: number;
  @Field(() => Int, {
    description: 'Open items (not gold, with a free slot) without a score: served after scored ones.',
  })
  unscored: number;
  @Field(() => ID, { nullable: true, description: 'The reward-model run of the latest scoring.' })
  runId: string | null;
  @Field(() => Date, { nullable: true }) scoredAt: Date | null;
  @Field(() => Float, { nullable: true }) minScore: number | null;
  @Field(() => Float, { nullable: true }) maxScore: number | null;
  @Field(() => [UncertaintyBinDto]) bins: UncertaintyBinDto[];
}
