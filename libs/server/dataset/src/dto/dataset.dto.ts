import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsDefined, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { GraphQLJSON } from '@clinrank/server-core';
import type { PreviewResult, SnapshotRow } from '../dataset.service.js';

@InputType({
  description:
    'An export request: `request` holds the @clinrank/preference-export options (format, policy, criterion, ties, minLabelsPerItem, minAgreement, excludeFlags, where, split, seed, parquet, …); a bad option is refused with BAD_USER_INPUT naming it.',
})
export class ExportRequestInput {
  @Field(() => ID) @IsUUID() projectId: string;
  @Field(() => GraphQLJSON) @IsDefined() request: unknown;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) name?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'bradley-terry only: weight annotators by their smoothed gold accuracy.',
  })
  @IsOptional()
  @IsBoolean()
  weightByGoldAccuracy?: boolean | null;
}

@ObjectType('DatasetFile')
export class DatasetFileDto {
  @Field() name: string;
  @Field(() => String, { nullable: true }) sha256: string | null;
  @Field(() => Int, { nullable: true }) bytes: number | null;
  @Field(() => Int, { nullable: true }) records: number | null;
  @Field({ description: 'GET with the same bearer token.' }) url: string;
}

@ObjectType('DatasetSnapshot')
export class DatasetSnapshotDto {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) projectId: string | null;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field() status: string;
  @Field(() => GraphQLJSON) request: unknown;
  @Field(() => GraphQLJSON) manifest: unknown;
  @Field(() => String, { nullable: true }) createdBy: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => [DatasetFileDto]) files: DatasetFileDto[];

  static from(row: SnapshotRow): DatasetSnapshotDto {
    const digests =
      (row.manifest as { files?: { name: string; sha256: string; bytes: number; records: number }[] }).files ?? [];
    const listed = row.status === 'ready' ? [...digests, { name: 'manifest.json' }, { name: 'README.md' }] : [];
    const files = listed.map((file) => ({
      name: file.name,
      sha256: 'sha256' in file ? file.sha256 : null,
      bytes: 'bytes' in file ? file.bytes : null,
      records: 'records' in file ? file.records : null,
      url: datasetFileUrl(row.id, file.name),
    }));
    return {
      id: row.id,
      projectId: row.projectId,
      name: row.name,
      status: row.status,
      request: row.request,
      manifest: row.manifest,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      files,
    };
  }
}

@ObjectType('DatasetPreview')
export class DatasetPreviewDto {
  @Field(() => GraphQLJSON, { description: 'The first ten records, as [{split, record}].' }) records: unknown;
  @Field(() => GraphQLJSON, {
    description:
      'Counts over the whole export: items seen/exported/excluded, per split, per label kind, language and annotator; agreement.',
  })
  counts: unknown;
  @Field(() => GraphQLJSON, { description: 'The normalised request (every default filled in).' }) request: unknown;

  static from(result: PreviewResult): DatasetPreviewDto {
    const { files: _files, ...counts } = result.stats;
    return { records: result.records, counts, request: result.request };
  }
}

/** The download path of one snapshot file (relative to the API origin). */
export function datasetFileUrl(id: string, name: string): string {
  return `/api/datasets/${id}/files/${encodeURIComponent(name)}`;
}
