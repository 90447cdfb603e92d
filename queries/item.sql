-- Written by `npm run queries` from the repositories; do not edit.

-- item.browse-count
SELECT count(*)::int AS total FROM items i WHERE i.project_id = $1
     AND ($2::text IS NULL OR i.external_id ILIKE $2 OR coalesce(i.prompt, i.messages::text) ILIKE $2)
     AND ($3::text IS NULL OR i.language = $3)
     AND ($4::text IS NULL OR i.specialty = $4)
     AND ($5::boolean IS NULL OR i.is_gold = $5)
     AND ($6::int IS NULL OR i.label_count >= $6)
     AND ($7::text IS NULL OR ($7 = 'unlabelled' AND i.label_count = 0)
          OR ($7 = 'in_progress' AND i.label_count > 0 AND i.label_count < coalesce(i.target_overlap, $8))
          OR ($7 = 'complete' AND i.label_count >= coalesce(i.target_overlap, $8)))
     AND (NOT $9::boolean OR EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND cardinality(l.flags) > 0))
     AND ($10::uuid[] IS NULL OR i.id = ANY($10::uuid[]));

-- item.browse-page
SELECT i.id, i.external_id, i.language, i.specialty, i.is_gold, i.label_count, i.target_overlap,
       left(coalesce(i.prompt, i.messages::text), 160) AS excerpt,
       EXISTS (SELECT 1 FROM adjudications a WHERE a.item_id = i.id) AS adjudicated,
       coalesce((SELECT array_agg(DISTINCT f) FROM labels l, unnest(l.flags) f WHERE l.item_id = i.id), '{}') AS flags
  FROM items i WHERE i.project_id = $1
   AND ($2::text IS NULL OR i.external_id ILIKE $2 OR coalesce(i.prompt, i.messages::text) ILIKE $2)
   AND ($3::text IS NULL OR i.language = $3)
   AND ($4::text IS NULL OR i.specialty = $4)
   AND ($5::boolean IS NULL OR i.is_gold = $5)
   AND ($6::int IS NULL OR i.label_count >= $6)
   AND ($7::text IS NULL OR ($7 = 'unlabelled' AND i.label_count = 0)
        OR ($7 = 'in_progress' AND i.label_count > 0 AND i.label_count < coalesce(i.target_overlap, $8))
        OR ($7 = 'complete' AND i.label_count >= coalesce(i.target_overlap, $8)))
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

-- item.existing-by-external-id
SELECT external_id, content_hash FROM items WHERE project_id = $1 AND external_id = ANY($2::text[]);

-- item.insert
INSERT INTO items (project_id, external_id, language, specialty, prompt, messages, reference, metadata, is_gold, content_hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id;

-- item.insert-response
INSERT INTO responses (item_id, external_id, position, text, source, model, model_version, generator)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id;

-- item.insert-staged
WITH staged AS MATERIALIZED (
  -- Each document is read (and de-TOASTed) once, into typed columns.
  SELECT d.* FROM item_import_staging s,
         jsonb_to_record(s.doc) AS d("itemId" uuid, id text, hash text, language text, specialty text, prompt text,
                                     messages jsonb, reference text, metadata jsonb, "isGold" boolean, gold jsonb,
                                     responses jsonb, labels jsonb, "labelCount" int)
), staged_label AS MATERIALIZED (
  SELECT staged."itemId", l.* FROM staged,
         jsonb_to_recordset(staged.labels) AS l(annotator text, name text, "submissionId" uuid, content jsonb,
                                                 shown uuid[], "pairKey" text)
), item AS (
  INSERT INTO items (id, project_id, external_id, language, specialty, prompt, messages, reference, metadata, is_gold, gold,
                     content_hash, label_count)
  SELECT "itemId", $1, id, language, specialty, prompt, nullif(messages, 'null'::jsonb), reference, metadata, "isGold",
         nullif(gold, 'null'::jsonb), hash, coalesce("labelCount", 0)
    FROM staged
  RETURNING 1
), response AS (
  INSERT INTO responses (id, item_id, external_id, position, text, source, model, model_version, generator)
  SELECT r.uuid, staged."itemId", r.id, r.position, r.text, r.source, r.model, r."modelVersion", r.generator
    FROM staged,
         jsonb_to_recordset(staged.responses) AS r(uuid uuid, id text, position int, text text, source text, model text,
                                                   "modelVersion" text, generator text)
), audit AS (
  INSERT INTO audit_log (actor, actor_user_id, action, entity_type, entity_id, project_id, after, details)
   SELECT $2, $3::uuid, 'item.create', 'item', staged."itemId"::text, $1, jsonb_build_object('externalId', staged.id, 'responses', jsonb_array_length(staged.responses)), NULL FROM staged
), label AS (
  INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, display_order, guideline_version,
                      origin, pair_key)
  SELECT $1, l."itemId", ($4::jsonb ->> l.annotator)::uuid, l."submissionId", $5, l.content, l.shown, $6, 'import',
         l."pairKey"
    FROM staged_label l
  RETURNING id, submission_id, content
), label_audit AS (
  INSERT INTO audit_log (actor, actor_user_id, action, entity_type, entity_id, project_id, after, details)
   SELECT $2, $3::uuid, 'label.create', 'label', label.id::text, $1, label.content, jsonb_build_object('origin', 'import', 'annotator', l.name) FROM label JOIN staged_label l ON l."submissionId" = label.submission_id
)
SELECT (SELECT count(*)::int FROM item) AS inserted, (SELECT count(*)::int FROM label) AS labels;

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

-- item.refresh-queue-statistics
SELECT clinrank_refresh_queue_statistics();

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
