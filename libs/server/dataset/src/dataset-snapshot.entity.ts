import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An immutable dataset export: its files live in `directory`; a failed one keeps the error in `manifest`. */
@Entity({ name: 'dataset_snapshots' })
export class DatasetSnapshotEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'project_id', nullable: true }) projectId: string | null;
  @Column('text', { nullable: true }) name: string | null;
  @Column('jsonb') request: Record<string, unknown>;
  @Column('jsonb') manifest: Record<string, unknown>;
  @Column('text') directory: string;
  @Column('text') status: 'ready' | 'failed';
  @Column('text', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
