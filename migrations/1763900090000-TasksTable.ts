import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One name per concept (issue 15): the labelling assignment is a *task*. Renames the table `assignments` to `tasks`,
 * `labels.assignment_id` to `task_id`, and every constraint and index named after them, read from the catalogue
 * (PostgreSQL 18 also names NOT NULL constraints, 15 does not). Views follow a renamed table by themselves; no function
 * or trigger body names the table (checked below, so a later one that does fails here, loudly, rather than at its first
 * call). Audit rows written before (action 'assignment.skip', entity type 'assignment') stay as they are: the audit
 * log is append-only.
 */
export class TasksTable1763900090000 implements MigrationInterface {
  name = 'TasksTable1763900090000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE assignments RENAME TO tasks`);
    await db.query(`ALTER TABLE labels RENAME COLUMN assignment_id TO task_id`);
    await renameObjects(db, 'tasks', 'assignments_', 'tasks_');
    await renameObjects(db, 'labels', 'labels_assignment_id_', 'labels_task_id_');
    await assertNoOldNames(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await renameObjects(db, 'labels', 'labels_task_id_', 'labels_assignment_id_');
    await renameObjects(db, 'tasks', 'tasks_', 'assignments_');
    await db.query(`ALTER TABLE labels RENAME COLUMN task_id TO assignment_id`);
    await db.query(`ALTER TABLE tasks RENAME TO assignments`);
  }
}

/** Renames the constraints, then the other indexes, of `table` whose names start with `from` to start with `to`. */
async function renameObjects(db: QueryRunner, table: string, from: string, to: string): Promise<void> {
  const constraints: { name: string }[] = await db.query(
    `SELECT conname AS name FROM pg_constraint WHERE conrelid = $1::regclass AND starts_with(conname, $2) ORDER BY 1`,
    [table, from],
  );
  for (const { name } of constraints)
    await db.query(`ALTER TABLE ${table} RENAME CONSTRAINT "${name}" TO "${to}${name.slice(from.length)}"`);
  // Renaming a key's constraint renamed its index too; what is left are plain indexes.
  const indexes: { name: string }[] = await db.query(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND starts_with(c.relname, $2) ORDER BY 1`,
    [table, from],
  );
  for (const { name } of indexes) await db.query(`ALTER INDEX "${name}" RENAME TO "${to}${name.slice(from.length)}"`);
}

/** Fails when an object still carries the old name, or a function body still reads the old table or column. */
async function assertNoOldNames(db: QueryRunner): Promise<void> {
  const rows: { kind: string; name: string }[] = await db.query(`
    SELECT 'relation' AS kind, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relname ~* 'assignment|labell?er'
    UNION ALL
    SELECT 'column', a.attrelid::regclass || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped AND a.attname ~* 'assignment|labell?er'
    UNION ALL
    SELECT 'constraint', conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
       AND conname ~* 'assignment|labell?er'
    UNION ALL
    SELECT 'trigger', tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname ~* 'assignment|labell?er'
    UNION ALL
    SELECT 'function', p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = current_schema() AND (p.proname ~* 'assignment|labell?er' OR p.prosrc ~* '\\massignments?(_id)?\\M')`);
  if (rows.length > 0)
    throw new Error(`TasksTable: still named after assignments: ${rows.map((r) => `${r.kind} ${r.name}`).join(', ')}`);
}
