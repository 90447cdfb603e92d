import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The item's open leases, counted on its row (issue 16), so the queue's search can pass over an item whose slots are
 * all leased without probing `tasks` for it. The queue serves the fullest items first, so its head holds the items
 * colleagues are labelling right now; at 100 annotators each search probed about 40 of them.
 *
 * - `open_leases`: the item's tasks in status 'leased', live or expired.
 * - `open_leases_live_until`: a time before which every one of them is live: the earliest expiry among the leases
 *   counted, or earlier (it is lowered as leases open and never raised while any stays open, so it stays a lower
 *   bound). NULL when none is open.
 *
 * The queue trusts the count only before that time; after it, an open lease may have expired, so it counts the live
 * ones in `tasks` as before. So a count that went wrong would hide an item for at most one lease's length, never for
 * good. Row triggers on `tasks` keep both exact on every path but the submit (lease, skip, undo, release, cascade
 * deletes) in the writer's own transaction; the submit statement counts its own. They add or subtract one, which
 * PostgreSQL re-applies to the newest row version when two writers meet, so concurrent writers never lose a change.
 * No CHECK on the count: a bookkeeping column must never make a clinician's submit fail.
 */
export class OpenLeaseCount1763900120000 implements MigrationInterface {
  name = 'OpenLeaseCount1763900120000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE items ADD COLUMN open_leases int NOT NULL DEFAULT 0,
                                      ADD COLUMN open_leases_live_until timestamptz`);
    await db.query(`
      CREATE FUNCTION items_count_open_leases() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        was_open boolean := TG_OP <> 'INSERT' AND OLD.status = 'leased';
        is_open boolean := TG_OP <> 'DELETE' AND NEW.status = 'leased';
      BEGIN
        IF was_open AND is_open AND OLD.item_id = NEW.item_id THEN
          -- A lease renewed or shortened: only an earlier expiry moves the bound.
          UPDATE items SET open_leases_live_until = NEW.expires_at
           WHERE id = NEW.item_id AND open_leases_live_until > NEW.expires_at;
          RETURN NULL;
        END IF;
        IF was_open THEN
          UPDATE items SET open_leases = open_leases - 1,
                           open_leases_live_until = CASE WHEN open_leases = 1 THEN NULL ELSE open_leases_live_until END
           WHERE id = OLD.item_id;
        END IF;
        IF is_open THEN
          UPDATE items SET open_leases = open_leases + 1,
                           open_leases_live_until = least(coalesce(open_leases_live_until, NEW.expires_at), NEW.expires_at)
           WHERE id = NEW.item_id;
        END IF;
        RETURN NULL;
      END $$`);
    // WHEN clauses: tasks written in other states (a bulk import of labelled items) never call the function.
    await db.query(`CREATE TRIGGER tasks_open_leases_inserted AFTER INSERT ON tasks
      FOR EACH ROW WHEN (NEW.status = 'leased') EXECUTE FUNCTION items_count_open_leases()`);
    // A submit (leased to submitted) is counted by the submit statement itself, in the item's row version that its label
    // count writes anyway (ItemRepository.countNewLabelFromCte): counted here, it wrote a second version of the row per
    // label, and labels/s showed no gain (BENCHMARKS.md, "the open-lease count on the item's row").
    await db.query(`CREATE TRIGGER tasks_open_leases_updated AFTER UPDATE OF status, expires_at, item_id ON tasks
      FOR EACH ROW WHEN ((OLD.status = 'leased' OR NEW.status = 'leased')
                         AND NOT (OLD.status = 'leased' AND NEW.status = 'submitted' AND OLD.item_id = NEW.item_id))
      EXECUTE FUNCTION items_count_open_leases()`);
    await db.query(`CREATE TRIGGER tasks_open_leases_deleted AFTER DELETE ON tasks
      FOR EACH ROW WHEN (OLD.status = 'leased') EXECUTE FUNCTION items_count_open_leases()`);
    await db.query(`
      UPDATE items i SET open_leases = t.open, open_leases_live_until = t.live_until
        FROM (SELECT item_id, count(*) AS open, min(expires_at) AS live_until FROM tasks WHERE status = 'leased' GROUP BY item_id) t
       WHERE i.id = t.item_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tasks_open_leases_deleted ON tasks`);
    await db.query(`DROP TRIGGER IF EXISTS tasks_open_leases_updated ON tasks`);
    await db.query(`DROP TRIGGER IF EXISTS tasks_open_leases_inserted ON tasks`);
    await db.query(`DROP FUNCTION IF EXISTS items_count_open_leases()`);
    await db.query(`ALTER TABLE items DROP COLUMN IF EXISTS open_leases_live_until, DROP COLUMN IF EXISTS open_leases`);
  }
}
