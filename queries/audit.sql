-- Written by `npm run queries` from the repositories; do not edit.

-- audit.distinct-actions
SELECT DISTINCT action FROM audit_log ORDER BY action;

-- audit.distinct-entity-types
WITH RECURSIVE types AS (
     (SELECT entity_type FROM audit_log ORDER BY entity_type LIMIT 1)
     UNION ALL
     SELECT (SELECT a.entity_type FROM audit_log a WHERE a.entity_type > t.entity_type ORDER BY a.entity_type LIMIT 1)
       FROM types t WHERE t.entity_type IS NOT NULL
   )
   SELECT entity_type FROM types WHERE entity_type IS NOT NULL;

-- audit.names-of-dataset-snapshots
SELECT id::text AS id, coalesce(name, left(id::text, 8)) AS name FROM dataset_snapshots WHERE id::text = ANY($1);

-- audit.names-of-items
SELECT id::text AS id, external_id AS name FROM items WHERE id::text = ANY($1);

-- audit.names-of-labels
SELECT l.id::text AS id, i.external_id AS name FROM labels l JOIN items i ON i.id = l.item_id WHERE l.id::text = ANY($1);

-- audit.names-of-projects
SELECT id::text AS id, name FROM projects WHERE id::text = ANY($1);

-- audit.names-of-training-runs
SELECT id::text AS id, kind || ' ' || left(id::text, 8) AS name FROM training_runs WHERE id::text = ANY($1);

-- audit.names-of-users
SELECT id::text AS id, display_name || ' (' || username || ')' AS name FROM users WHERE id::text = ANY($1);
