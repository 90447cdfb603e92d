import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { QueueOrder, TaskKind } from '@clinrank/domain';

@Entity({ name: 'projects' })
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') slug: string;
  @Column('text') name: string;
  @Column('text') kind: TaskKind;
  @Column('text', { array: true }) criteria: string[];
  @Column('int', { name: 'scale_min' }) scaleMin: number;
  @Column('int', { name: 'scale_max' }) scaleMax: number;
  /** Fixed overlap, or the minimum of an adaptive one. */
  @Column('int') overlap: number;
  /** Adaptive overlap's maximum and confidence; both null for fixed overlap. */
  @Column('int', { name: 'overlap_max', nullable: true }) overlapMax: number | null;
  @Column('double precision', { name: 'overlap_confidence', nullable: true }) overlapConfidence: number | null;
  @Column('real', { name: 'gold_rate' }) goldRate: number;
  @Column('int', { name: 'lease_seconds' }) leaseSeconds: number;
  @Column('boolean', { name: 'allow_ties' }) allowTies: boolean;
  @Column('int', { name: 'max_responses' }) maxResponsesPerItem: number;
  @Column('boolean', { name: 'require_rationale' }) requireRationale: boolean;
  @Column('text', { array: true }) languages: string[];
  @Column('text', { array: true }) specialties: string[];
  @Column('int', { name: 'guideline_version' }) guidelineVersion: number;
  @Column('boolean') locked: boolean;
  /** 'uncertainty': the queue serves first the items the latest reward model is least sure about. */
  @Column('text', { name: 'queue_order' }) queueOrder: QueueOrder;
  @Column('jsonb') settings: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ name: 'guideline_versions' })
export class GuidelineVersionEntity {
  @Column('uuid', { primary: true, name: 'project_id' }) projectId: string;
  @Column('int', { primary: true }) version: number;
  @Column('text') markdown: string;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
