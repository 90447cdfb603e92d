-- Written by `npm run queries` from the repositories; do not edit.

-- evaluation.campaign-labels
SELECT l.item_id, l.content, u.username, u.kind AS annotator_kind, i.language, i.specialty, i.metadata
  FROM labels l JOIN users u ON u.id = l.annotator_id JOIN items i ON i.id = l.item_id
 WHERE l.project_id = $1 AND NOT i.is_gold
 ORDER BY l.created_at, l.id;

-- evaluation.items-stamp
SELECT count(*) || ':' || md5(coalesce(string_agg(content_hash, ',' ORDER BY id), '')) AS stamp FROM items WHERE project_id = $1;

-- evaluation.lock-campaign-plan
SELECT settings->'campaign' AS campaign FROM projects WHERE id = $1 FOR UPDATE;

-- evaluation.model-answers
SELECT r.id, r.model, r.text, i.language, i.reference, i.metadata
  FROM responses r JOIN items i ON i.id = r.item_id
 WHERE i.project_id = $1 AND NOT i.is_gold AND r.model IS NOT NULL AND r.model <> ''
 ORDER BY i.external_id, r.position;

-- evaluation.models
SELECT DISTINCT r.model FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1 AND r.model IS NOT NULL AND r.model <> '' ORDER BY 1;

-- evaluation.response-models
SELECT r.id, r.model FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1;

-- evaluation.store-campaign-plan
UPDATE projects SET settings = settings || jsonb_build_object('campaign', $2::jsonb), updated_at = now() WHERE id = $1;

-- evaluation.validation-labels
SELECT l.content, u.username, r.generator
  FROM labels l JOIN users u ON u.id = l.annotator_id JOIN items i ON i.id = l.item_id
  JOIN responses r ON r.id = (l.content->>'response')::uuid
 WHERE l.project_id = $1 AND l.kind = 'validation' AND NOT i.is_gold
 ORDER BY l.created_at, l.id;
