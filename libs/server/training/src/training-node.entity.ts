import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A GPU node as its agent registered it; the agent's heartbeat contract is recorded with it. */
@Entity({ name: 'training_nodes' })
export class TrainingNodeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { unique: true }) name: string;
  @Column('text') hostname: string;
  @Column('jsonb') gpus: { index: number; name: string; memoryMiB: number | null }[];
  @Column('integer', { name: 'max_jobs' }) maxJobs: number;
  @Column('text') status: 'online' | 'draining' | 'offline';
  @Column('timestamptz', { name: 'started_at' }) startedAt: Date;
  @Column('timestamptz', { name: 'last_heartbeat' }) lastHeartbeat: Date;
  @Column('integer', { name: 'heartbeat_seconds', nullable: true }) heartbeatSeconds: number | null;
  @Column('integer', { name: 'lease_seconds', nullable: true }) leaseSeconds: number | null;
}
