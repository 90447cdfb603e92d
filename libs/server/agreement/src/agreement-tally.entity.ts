import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A project's agreement kept as sufficient statistics; brought up to date from `agreement_label_changes`. */
@Entity({ name: 'agreement_tallies' })
export class AgreementTallyEntity {
  @PrimaryColumn('uuid', { name: 'project_id' }) projectId: string;
  /** NULL while the first build runs. */
  @Column('jsonb', { nullable: true }) state: unknown;
  @Column('bigint') version: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** A label change recorded by the labels triggers for a project that has a tally; `before` is NULL for an insert. */
@Entity({ name: 'agreement_label_changes' })
export class AgreementLabelChangeEntity {
  @PrimaryColumn('bigint') id: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('uuid', { name: 'item_id' }) itemId: string;
  @Column('uuid', { name: 'annotator_id' }) annotatorId: string;
  @Column('text', { name: 'pair_key' }) pairKey: string;
  @Column('jsonb', { nullable: true }) before: unknown;
}
