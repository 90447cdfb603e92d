import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One log line of an attempt; seq keeps the order. */
@Entity({ name: 'training_logs' })
export class TrainingLogEntity {
  @PrimaryColumn('uuid', { name: 'run_id' }) runId: string;
  @PrimaryColumn('bigint') seq: string;
  @Column('integer') attempt: number;
  @Column('text') stream: 'stdout' | 'stderr' | 'agent';
  @Column('text') line: string;
  @Column('timestamptz') at: Date;
}
