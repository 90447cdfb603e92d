import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  ITEM_BULK_ACTIONS,
  ITEM_STATUSES,
  type BulkResult,
  type ItemBulkAction,
  type ItemRow,
  type ItemStatus,
} from '../item-browse.service.js';

@InputType('ItemFilterInput', { description: "Narrows a project's items; every field is optional." })
export class ItemFilterInput {
  @Field({ nullable: true, description: 'Substring of the item id or the prompt.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(20) language?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) specialty?: string;
  @Field(() => String, { nullable: true, description: 'unlabelled, in_progress or complete' })
  @IsOptional()
  @IsIn(ITEM_STATUSES)
  status?: ItemStatus;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() gold?: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1000) minLabels?: number;
  @Field({ nullable: true, description: 'Only items whose labels disagree (by response).' })
  @IsOptional()
  @IsBoolean()
  disagreement?: boolean;
  @Field({ nullable: true, description: 'Only items with a flagged label.' })
  @IsOptional()
  @IsBoolean()
  flagged?: boolean;
}

@ArgsType()
export class ItemsArgs {
  @Field(() => ID) @IsString() @MaxLength(100) projectId: string;
  @Field(() => ItemFilterInput, { nullable: true }) @IsOptional() filter?: ItemFilterInput;
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(500) limit: number;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) offset: number;
}

@ObjectType('ItemRow')
export class ItemRowDto {
  @Field(() => ID) id: string;
  @Field() externalId: string;
  @Field() language: string;
  @Field() specialty: string;
  @Field() isGold: boolean;
  @Field(() => Int) labels: number;
  @Field(() => Int, {
    description: "Annotators the item needs: adaptive overlap's decision for it, else the project's overlap.",
  })
  targetOverlap: number;
  @Field({ description: 'unlabelled, in_progress or complete (labels against the target overlap)' }) status: string;
  @Field(() => [String]) flags: string[];
  @Field() promptExcerpt: string;
  @Field() adjudicated: boolean;

  static from(row: ItemRow): ItemRowDto {
    return Object.assign(new ItemRowDto(), row);
  }
}

@ObjectType('ItemPage')
export class ItemPageDto {
  @Field(() => [ItemRowDto]) rows: ItemRowDto[];
  @Field(() => Int, { description: 'Items matching the filter.' }) total: number;
  @Field(() => Int, { description: 'All items of the project.' }) projectItems: number;
}

@InputType('ItemBulkInput')
export class ItemBulkInput {
  @Field(() => ID) @IsString() @MaxLength(100) projectId: string;
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(1000) @IsUUID('all', { each: true }) itemIds: string[];
  @Field(() => String, { description: 'delete_unlabelled, delete, set_gold (from the ruling), unset_gold or re_queue' })
  @IsIn(ITEM_BULK_ACTIONS)
  action: ItemBulkAction;
  @Field({ nullable: true, description: 'Required to delete items that have labels.' })
  @IsOptional()
  @IsBoolean()
  confirmLabelled?: boolean;
}

@ObjectType('ItemBulkResult')
export class ItemBulkResultDto {
  @Field() action: string;
  @Field(() => Int) changed: number;
  @Field(() => Int) skipped: number;
  @Field(() => String, { nullable: true }) reason: string | null;

  static from(result: BulkResult): ItemBulkResultDto {
    return Object.assign(new ItemBulkResultDto(), result);
  }
}
