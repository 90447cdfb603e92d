import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One attempt of a run: where it ran, under which heartbeat contract, and how it ended (null while it runs). */
@Entity({ name: 'training_attempts' })
export class TrainingAttemptEntity {
  @PrimaryColumn('uuid', { name: 'run_id' }) runId: string;
  @PrimaryColumn('integer') attempt: number;
  @Column('uuid', { name: 'node_id', nullable: true }) nodeId: string | null;
  @Column('text', { name: 'node_name' }) nodeName: string;
  @Column('jsonb', { name: 'assigned_gpus', nullable: true }) assignedGpus: number[] | null;
  @Column('integer', { name: 'heartbeat_seconds', nullable: true }) heartbeatSeconds: number | null;
  @Column('integer', { name: 'lease_seconds', nullable: true }) leaseSeconds: number | null;
  @Column('timestamptz', { name: 'claimed_at' }) claimedAt: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column('timestamptz', { name: 'last_heartbeat', nullable: true }) lastHeartbeat: Date | null;
  @Column('text', { nullable: true }) outcome: 'succeeded' | 'failed' | 'lost' | 'cancelled' | 'released' | null;
  @Column('text', { nullable: true }) error: string | null;
}
