import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

/** `items.label_count` is the number of distinct annotators with a label on the item; this is its one formula. */
const RECOUNT_LABELS = defineSql('item.recount-labels', `UPDATE items SET label_count = (SELECT count(DISTINCT annotator_id) FROM labels WHERE item_id = $1) WHERE id = $1`);

const LOCK_ITEM = defineSql('item.lock', `SELECT id FROM items WHERE id = $1 FOR UPDATE`);

/** The items and responses tables' owner. */
@Injectable()
export class ItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The `UPDATE items …` fragment the label submit statement embeds as a CTE: one new label from an annotator who had none on
   * the item (the queue guarantees it) adds one to the count, without recounting on the hot path.
   */
  static countNewLabelFromCte(itemId: string): string {
    return `UPDATE items SET label_count = label_count + 1 WHERE id = ${itemId}`;
  }

  /** Takes the item's row lock for the caller's transaction (leases and late submissions on an item serialise on it). */
  async lockItem(manager: EntityManager, itemId: string): Promise<void> {
    await manager.query(LOCK_ITEM.text, [itemId]);
  }

  /** Sets the item's label count from its labels, after labels were imported or taken back. */
  async recountLabels(manager: EntityManager, itemId: string): Promise<void> {
    await manager.query(RECOUNT_LABELS.text, [itemId]);
  }
}
