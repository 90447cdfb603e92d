import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One metric point an attempt reported. */
@Entity({ name: 'training_metrics' })
export class TrainingMetricEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'run_id' }) runId: string;
  @Column('integer') attempt: number;
  @Column('integer') step: number;
  @Column('text') name: string;
  @Column('double precision', { nullable: true }) value: number | null;
  @Column('timestamptz') at: Date;
}
