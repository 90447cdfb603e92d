-- Written by `npm run queries` from the repositories; do not edit.

-- dataset.close-export-cursor
CLOSE clinrank_export;

-- dataset.copy-export-items
COPY (SELECT row_to_json(q) FROM (SELECT i.external_id AS id, i.language, i.specialty, i.prompt, i.messages, i.reference, i.is_gold, i.metadata,
  (SELECT coalesce(json_agg(json_build_object('uuid', r.id, 'id', r.external_id, 'text', r.text, 'source', r.source,
            'model', r.model, 'generator', r.generator) ORDER BY r.position), '[]'::json)
     FROM responses r WHERE r.item_id = i.id) AS responses,
  (SELECT coalesce(json_agg(json_build_object('id', l.id, 'annotatorId', u.pseudonym, 'annotatorKind', u.kind,
            'createdAt', to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'guidelineVersion', l.guideline_version, 'timeSpentMs', l.time_spent_ms,
            'origin', l.origin, 'displayOrder', l.display_order, 'flags', l.flags, 'rationale', l.rationale,
            'rewrite', l.rewrite, 'content', l.content) ORDER BY l.id), '[]'::json)
     FROM labels l JOIN users u ON u.id = l.annotator_id WHERE l.item_id = i.id) AS labels,
  (SELECT json_build_object('id', a.id, 'leadId', u.pseudonym,
            'createdAt', to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'guidelineVersion', coalesce((SELECT max(l.guideline_version) FROM labels l WHERE l.item_id = i.id), 1),
            'content', a.content, 'rationale', a.rationale)
     FROM adjudications a JOIN users u ON u.id = a.lead_id WHERE a.item_id = i.id) AS adjudication
FROM items i
WHERE i.project_id = $1
ORDER BY i.external_id COLLATE "C") q) TO STDOUT;

-- dataset.count-items
SELECT count(*)::int AS total FROM items WHERE project_id = $1;

-- dataset.count-labels
SELECT count(*)::int AS labels FROM labels WHERE project_id = $1;

-- dataset.declare-export-cursor
DECLARE clinrank_export NO SCROLL CURSOR FOR SELECT i.external_id AS id, i.language, i.specialty, i.prompt, i.messages, i.reference, i.is_gold, i.metadata,
  (SELECT coalesce(json_agg(json_build_object('uuid', r.id, 'id', r.external_id, 'text', r.text, 'source', r.source,
            'model', r.model, 'generator', r.generator) ORDER BY r.position), '[]'::json)
     FROM responses r WHERE r.item_id = i.id) AS responses,
  (SELECT coalesce(json_agg(json_build_object('id', l.id, 'annotatorId', u.pseudonym, 'annotatorKind', u.kind,
            'createdAt', to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'guidelineVersion', l.guideline_version, 'timeSpentMs', l.time_spent_ms,
            'origin', l.origin, 'displayOrder', l.display_order, 'flags', l.flags, 'rationale', l.rationale,
            'rewrite', l.rewrite, 'content', l.content) ORDER BY l.id), '[]'::json)
     FROM labels l JOIN users u ON u.id = l.annotator_id WHERE l.item_id = i.id) AS labels,
  (SELECT json_build_object('id', a.id, 'leadId', u.pseudonym,
            'createdAt', to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'guidelineVersion', coalesce((SELECT max(l.guideline_version) FROM labels l WHERE l.item_id = i.id), 1),
            'content', a.content, 'rationale', a.rationale)
     FROM adjudications a JOIN users u ON u.id = a.lead_id WHERE a.item_id = i.id) AS adjudication
FROM items i
WHERE i.project_id = $1
ORDER BY i.external_id COLLATE "C";

-- dataset.export-items
SELECT i.external_id AS id, i.language, i.specialty, i.prompt, i.messages, i.reference, i.is_gold, i.metadata,
  (SELECT coalesce(json_agg(json_build_object('uuid', r.id, 'id', r.external_id, 'text', r.text, 'source', r.source,
            'model', r.model, 'generator', r.generator) ORDER BY r.position), '[]'::json)
     FROM responses r WHERE r.item_id = i.id) AS responses,
  (SELECT coalesce(json_agg(json_build_object('id', l.id, 'annotatorId', u.pseudonym, 'annotatorKind', u.kind,
            'createdAt', to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'guidelineVersion', l.guideline_version, 'timeSpentMs', l.time_spent_ms,
            'origin', l.origin, 'displayOrder', l.display_order, 'flags', l.flags, 'rationale', l.rationale,
            'rewrite', l.rewrite, 'content', l.content) ORDER BY l.id), '[]'::json)
     FROM labels l JOIN users u ON u.id = l.annotator_id WHERE l.item_id = i.id) AS labels,
  (SELECT json_build_object('id', a.id, 'leadId', u.pseudonym,
            'createdAt', to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'guidelineVersion', coalesce((SELECT max(l.guideline_version) FROM labels l WHERE l.item_id = i.id), 1),
            'content', a.content, 'rationale', a.rationale)
     FROM adjudications a JOIN users u ON u.id = a.lead_id WHERE a.item_id = i.id) AS adjudication
FROM items i
WHERE i.project_id = $1
ORDER BY i.external_id COLLATE "C";

-- dataset.fetch-export-cursor
FETCH $batch FROM clinrank_export;

-- dataset.gold-labels
SELECT u.pseudonym, l.content, i.gold
  FROM labels l JOIN items i ON i.id = l.item_id JOIN users u ON u.id = l.annotator_id
 WHERE l.project_id = $1 AND i.is_gold AND i.gold IS NOT NULL;

-- dataset.insert-snapshot
INSERT INTO dataset_snapshots (id, project_id, name, request, manifest, directory, status, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING id, project_id AS "projectId", name, status, request, manifest, directory, created_by AS "createdBy", created_at AS "createdAt";

-- dataset.read-only
SET TRANSACTION READ ONLY;

-- dataset.ready-snapshots
SELECT s.id, s.name, s.project_id AS "projectId", p.name AS "projectName", p.slug AS "projectSlug", s.created_at AS "createdAt", s.manifest
  FROM dataset_snapshots s LEFT JOIN projects p ON p.id = s.project_id
 WHERE s.status = 'ready' ORDER BY s.created_at DESC LIMIT $1;

-- dataset.snapshot-by-id
SELECT id, project_id AS "projectId", name, status, request, manifest, directory, created_by AS "createdBy", created_at AS "createdAt"
  FROM dataset_snapshots WHERE id = $1;

-- dataset.snapshots-of-project
SELECT id, project_id AS "projectId", name, status, request, manifest, directory, created_by AS "createdBy", created_at AS "createdAt"
  FROM dataset_snapshots WHERE project_id = $1 ORDER BY created_at DESC, id;
