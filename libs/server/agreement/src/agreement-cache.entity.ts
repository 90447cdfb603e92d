import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A computed agreement result, valid while the project's labels still have `stamp`. */
@Entity({ name: 'agreement_cache' })
export class AgreementCacheEntity {
  @PrimaryColumn('uuid', { name: 'project_id' }) projectId: string;
  @PrimaryColumn('text', { name: 'cache_key' }) cacheKey: string;
  @Column('text') stamp: string;
  @Column('jsonb') result: unknown;
  @Column('integer', { name: 'compute_ms' }) computeMs: number;
  @Column('timestamptz', { name: 'computed_at' }) computedAt: Date;
}
