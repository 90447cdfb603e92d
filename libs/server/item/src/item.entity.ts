import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChatMessage, ResponseSource } from '@clinrank/domain';

@Entity({ name: 'items' })
export class ItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('text', { name: 'external_id' }) externalId: string;
  @Column('text') language: string;
  @Column('text') specialty: string;
  @Column('text', { nullable: true }) prompt: string | null;
  @Column('jsonb', { nullable: true }) messages: ChatMessage[] | null;
  @Column('text', { nullable: true }) reference: string | null;
  @Column('jsonb') metadata: Record<string, unknown>;
  @Column('boolean', { name: 'is_gold' }) isGold: boolean;
  @Column('jsonb', { nullable: true }) gold: { criterion: string; preferred: string } | null;
  @Column('text', { name: 'content_hash' }) contentHash: string;
  @Column('int', { name: 'label_count' }) labelCount: number;
  /** How many annotators the queue gives the item now (adaptive overlap); null means the project's overlap. */
  @Column('int', { name: 'target_overlap', nullable: true }) targetOverlap: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity({ name: 'responses' })
export class ResponseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'item_id' }) itemId: string;
  @Column('text', { name: 'external_id' }) externalId: string;
  @Column('int') position: number;
  @Column('text') text: string;
  @Column('text') source: ResponseSource;
  @Column('text', { nullable: true }) model: string | null;
  @Column('text', { name: 'model_version', nullable: true }) modelVersion: string | null;
  @Column('text', { nullable: true }) generator: string | null;
}
