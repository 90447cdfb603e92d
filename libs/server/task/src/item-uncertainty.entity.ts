import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An open item's latest reward-model uncertainty (written by the worker after a reward-model run on its project). */
@Entity({ name: 'item_uncertainty' })
export class ItemUncertaintyEntity {
  @PrimaryColumn('uuid', { name: 'item_id' }) itemId: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('uuid', { name: 'run_id' }) runId: string;
  /** Higher is less certain. */
  @Column('double precision') score: number;
  /** The smallest reward difference between two of the item's responses. */
  @Column('double precision', { name: 'reward_gap' }) rewardGap: number;
  @Column('timestamptz', { name: 'scored_at' }) scoredAt: Date;
}
