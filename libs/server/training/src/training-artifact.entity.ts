import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A stored file of a run's manifest, promoted by the attempt that finished it. */
@Entity({ name: 'training_artifacts' })
export class TrainingArtifactEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'run_id' }) runId: string;
  @Column('integer', { nullable: true }) attempt: number | null;
  @Column('text') name: string;
  @Column('text') kind: string;
  @Column('text') uri: string;
  @Column('bigint') bytes: string;
  @Column('text') sha256: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
