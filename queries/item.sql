-- Written by `npm run queries` from the repositories; do not edit.

-- item.browse-count
SELECT count(*)::int AS total FROM items i WHERE i.project_id = $1
     AND ($2::text IS NULL OR i.external_id ILIKE $2 OR coalesce(i.prompt, i.messages::text) ILIKE $2)
     AND ($3::text IS NULL OR i.language = $3)
     AND ($4::text IS NULL OR i.specialty = $4)
     AND ($5::boolean IS NULL OR i.is_gold = $5)
     AND ($6::int IS NULL OR i.label_count >= $6)
     AND ($7::text IS NULL OR ($7 = 'unlabelled' AND i.label_count = 0) OR ($7 = 'in_progress' AND i.label_count > 0 AND i.label_count < $8)
          OR ($7 = 'complete' AND i.label_count >= $8))
     AND (NOT $9::boolean OR EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND cardinality(l.flags) > 0))
     AND ($10::uuid[] IS NULL OR i.id = ANY($10::uuid[]));

-- item.browse-page
SELECT i.id, i.external_id, i.language, i.specialty, i.is_gold, i.label_count,
       left(coalesce(i.prompt, i.messages::text), 160) AS excerpt,
       EXISTS (SELECT 1 FROM adjudications a WHERE a.item_id = i.id) AS adjudicated,
       coalesce((SELECT array_agg(DISTINCT f) FROM labels l, unnest(l.flags) f WHERE l.item_id = i.id), '{}') AS flags
  FROM items i WHERE i.project_id = $1
   AND ($2::text IS NULL OR i.external_id ILIKE $2 OR coalesce(i.prompt, i.messages::text) ILIKE $2)
   AND ($3::text IS NULL OR i.language = $3)
   AND ($4::text IS NULL OR i.specialty = $4)
   AND ($5::boolean IS NULL OR i.is_gold = $5)
   AND ($6::int IS NULL OR i.label_count >= $6)
   AND ($7::text IS NULL OR ($7 = 'unlabelled' AND i.label_count = 0) OR ($7 = 'in_progress' AND i.label_count > 0 AND i.label_count < $8)
        OR ($7 = 'complete' AND i.label_count >= $8))
   AND (NOT $9::boolean OR EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND cardinality(l.flags) > 0))
   AND ($10::uuid[] IS NULL OR i.id = ANY($10::uuid[]))
 ORDER BY i.external_id LIMIT $11 OFFSET $12;

-- item.clear-import-staging
TRUNCATE item_import_staging;

-- item.copy-import-staging
COPY item_import_staging (line, doc) FROM STDIN;

-- item.count-in-project
SELECT count(*)::int AS all FROM items WHERE project_id = $1;

-- item.create-import-staging
CREATE TEMP TABLE IF NOT EXISTS item_import_staging (line int NOT NULL, doc jsonb NOT NULL);

-- item.delete
DELETE FROM items WHERE id = $1;

-- item.delete-response
DELETE FROM responses WHERE id = $1;

-- item.drop-import-staging
DROP TABLE IF EXISTS item_import_staging;

-- item.insert
INSERT INTO items (project_id, external_id, language, specialty, prompt, messages, reference, metadata, is_gold, content_hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id;

-- item.insert-response
INSERT INTO responses (item_id, external_id, position, text, source, model, model_version, generator)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id;

-- item.insert-staged
WITH staged AS (
  SELECT s.line, s.doc FROM item_import_staging s
   WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.project_id = $1 AND i.external_id = s.doc->>'id')
), item AS (
  INSERT INTO items (id, project_id, external_id, language, specialty, prompt, messages, reference, metadata, is_gold, gold, content_hash)
  SELECT (doc->>'itemId')::uuid, $1, doc->>'id', doc->>'language', doc->>'specialty', doc->>'prompt',
         nullif(doc->'messages', 'null'::jsonb), doc->>'reference', doc->'metadata', (doc->>'isGold')::boolean,
         nullif(doc->'gold', 'null'::jsonb), doc->>'hash'
    FROM staged ORDER BY line
  ON CONFLICT (project_id, external_id) DO NOTHING
  RETURNING id, external_id
), stored AS (
  SELECT staged.line, staged.doc, item.id, item.external_id FROM item JOIN staged ON (staged.doc->>'itemId')::uuid = item.id
), response AS (
  INSERT INTO responses (id, item_id, external_id, position, text, source, model, model_version, generator)
  SELECT (r->>'uuid')::uuid, stored.id, r->>'id', (r->>'position')::int, r->>'text', r->>'source', r->>'model',
         r->>'modelVersion', r->>'generator'
    FROM stored, jsonb_array_elements(stored.doc->'responses') r
), audit AS (
  INSERT INTO audit_log (actor, actor_user_id, action, entity_type, entity_id, project_id, after, details)
   SELECT $2, $3::uuid, 'item.create', 'item', stored.id::text, $1, jsonb_build_object('externalId', stored.external_id, 'responses', jsonb_array_length(stored.doc->'responses')), NULL FROM stored
)
SELECT line FROM stored;

-- item.label-contents-of-multiply-labelled
SELECT l.item_id AS id, array_agg(l.content) AS contents FROM labels l WHERE l.project_id = $1 GROUP BY l.item_id HAVING count(*) >= 2;

-- item.lock
SELECT id FROM items WHERE id = $1 FOR UPDATE;

-- item.lock-by-external-id
SELECT id, content_hash FROM items WHERE project_id = $1 AND external_id = $2 FOR UPDATE;

-- item.lock-for-bulk
SELECT i.id, i.external_id, i.label_count, i.is_gold, i.gold, a.content AS ruling
  FROM items i LEFT JOIN adjudications a ON a.item_id = i.id
 WHERE i.project_id = $1 AND i.id = ANY($2::uuid[]) ORDER BY i.external_id FOR UPDATE OF i;

-- item.recount-labels
UPDATE items SET label_count = (SELECT count(DISTINCT annotator_id) FROM labels WHERE item_id = $1) WHERE id = $1;

-- item.response-ids
SELECT id, external_id FROM responses WHERE item_id = $1;

-- item.responses-with-labelled
SELECT r.id, r.external_id, r.text,
       EXISTS (SELECT 1 FROM labels l WHERE l.item_id = r.item_id AND r.id = ANY(l.display_order)) AS labelled
  FROM responses r WHERE r.item_id = $1;

-- item.set-gold
UPDATE items SET is_gold = true, gold = $2 WHERE id = $1;

-- item.set-imported-gold
UPDATE items SET gold = $2 WHERE id = $1;

-- item.staged-existing
SELECT s.line, i.id, i.content_hash
  FROM item_import_staging s JOIN items i ON i.project_id = $1 AND i.external_id = s.doc->>'id';

-- item.unset-gold
UPDATE items SET is_gold = false, gold = NULL WHERE id = $1;

-- item.update-imported
UPDATE items SET language = $2, specialty = $3, prompt = $4, messages = $5, reference = $6, metadata = $7, is_gold = $8, gold = $9, content_hash = $10 WHERE id = $1;

-- item.update-response
UPDATE responses SET text = $2, source = $3, model = $4, model_version = $5, generator = $6 WHERE id = $1;

-- item.upsert-imported-label
WITH previous AS (SELECT content FROM labels WHERE item_id = $2 AND annotator_id = $3 AND pair_key = $8)
INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, display_order, guideline_version, origin, pair_key)
VALUES ($1, $2, $3, $4, $5, $6, $7, $9, 'import', $8)
ON CONFLICT (item_id, annotator_id, pair_key) DO UPDATE SET content = EXCLUDED.content, updated_at = now()
  WHERE labels.content IS DISTINCT FROM EXCLUDED.content
RETURNING id, (xmax = 0) AS inserted, (SELECT content FROM previous) AS before;
