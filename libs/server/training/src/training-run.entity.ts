import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A training (or BERTScore) run: the source of truth for its lifecycle; pg-boss only delivers it. */
@Entity({ name: 'training_runs' })
export class TrainingRunEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') kind: string;
  @Column('text') status: string;
  @Column('uuid', { name: 'project_id', nullable: true }) projectId: string | null;
  @Column('uuid', { name: 'snapshot_id', nullable: true }) snapshotId: string | null;
  @Column('uuid', { name: 'parent_run_id', nullable: true }) parentRunId: string | null;
  @Column('jsonb') config: unknown;
  @Column('integer') gpus: number;
  @Column('integer') attempts: number;
  @Column('integer', { name: 'max_attempts' }) maxAttempts: number;
  @Column('integer', { name: 'released_attempts' }) releasedAttempts: number;
  @Column('uuid', { name: 'node_id', nullable: true }) nodeId: string | null;
  @Column('text', { name: 'node_name', nullable: true }) nodeName: string | null;
  @Column('jsonb', { name: 'assigned_gpus', nullable: true }) assignedGpus: number[] | null;
  @Column('text', { name: 'queue_name', nullable: true }) queueName: string | null;
  @Column('uuid', { name: 'queue_job_id', nullable: true }) queueJobId: string | null;
  @Column('integer', { name: 'exit_code', nullable: true }) exitCode: number | null;
  @Column('text', { nullable: true }) error: string | null;
  @Column('jsonb', { nullable: true }) summary: unknown;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('integer', { name: 'heartbeat_seconds', nullable: true }) heartbeatSeconds: number | null;
  @Column('integer', { name: 'lease_seconds', nullable: true }) leaseSeconds: number | null;
  @Column('timestamptz', { name: 'heartbeat_deadline', nullable: true }) heartbeatDeadline: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'queued_at' }) queuedAt: Date;
  @Column('timestamptz', { name: 'claimed_at', nullable: true }) claimedAt: Date | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'heartbeat_at', nullable: true }) heartbeatAt: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
