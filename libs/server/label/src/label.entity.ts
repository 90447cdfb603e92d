import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LabelContent, LabelFlag, TaskKind } from '@clinrank/domain';

@Entity({ name: 'labels' })
export class LabelEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('uuid', { name: 'item_id' }) itemId: string;
  @Column('uuid', { name: 'annotator_id' }) annotatorId: string;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId: string | null;
  @Column('uuid', { name: 'submission_id' }) submissionId: string;
  @Column('text') kind: TaskKind;
  @Column('jsonb') content: LabelContent;
  @Column('text', { array: true }) flags: LabelFlag[];
  @Column('text', { nullable: true }) rationale: string | null;
  @Column('text', { nullable: true }) rewrite: string | null;
  @Column('int', { name: 'time_spent_ms' }) timeSpentMs: number;
  @Column('uuid', { name: 'display_order', array: true }) displayOrder: string[];
  @Column('int', { name: 'guideline_version' }) guidelineVersion: number;
  @Column('text') origin: 'ui' | 'import';
  @Column('text', { name: 'pair_key' }) pairKey: string;
  @Column('text', { name: 'ui_direction', nullable: true }) uiDirection: 'ltr' | 'rtl' | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ name: 'tasks' })
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('uuid', { name: 'item_id' }) itemId: string;
  @Column('uuid', { name: 'annotator_id' }) annotatorId: string;
  @Column('text') status: 'leased' | 'submitted' | 'skipped' | 'released';
  @Column('uuid', { name: 'display_order', array: true }) displayOrder: string[];
  @Column('timestamptz', { name: 'leased_at' }) leasedAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
  @Column('text', { name: 'skip_reason', nullable: true }) skipReason: string | null;
}

@Entity({ name: 'adjudications' })
export class AdjudicationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('uuid', { name: 'item_id' }) itemId: string;
  @Column('uuid', { name: 'lead_id' }) leadId: string;
  @Column('jsonb') content: LabelContent;
  @Column('text', { nullable: true }) rationale: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
