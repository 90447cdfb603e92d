import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsString, IsUUID, MaxLength } from 'class-validator';

@ObjectType('ImportProblem')
export class ImportProblemDto {
  @Field(() => Int) line: number;
  @Field() field: string;
  @Field() reason: string;
}

@ObjectType('ImportReport')
export class ImportReportDto {
  @Field(() => Int) imported: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int) labelsImported: number;
  @Field() strict: boolean;
  @Field() committed: boolean;
  @Field(() => [ImportProblemDto]) problems: ImportProblemDto[];
}

@InputType()
export class ImportItemsInput {
  @Field(() => ID) @IsUUID() projectId: string;
  @Field({ description: 'The JSONL file content (UTF-8 text).' })
  @IsString()
  @MaxLength(16 * 1024 * 1024)
  content: string;
  @Field({ defaultValue: false }) @IsBoolean() strict: boolean;
}
