-- Written by `npm run queries` from the repositories; do not edit.

-- agreement.annotator-by-id
SELECT id, username FROM users WHERE id = $1;

-- agreement.annotator-by-username
SELECT id, username FROM users WHERE lower(username) = lower($1);

-- agreement.cache-find
SELECT stamp, result, compute_ms, computed_at FROM agreement_cache WHERE project_id = $1 AND cache_key = $2;

-- agreement.cache-prune
DELETE FROM agreement_cache WHERE project_id = $1 AND computed_at < now() - make_interval(days => $2);

-- agreement.cache-upsert
INSERT INTO agreement_cache (project_id, cache_key, stamp, result, compute_ms, computed_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (project_id, cache_key) DO UPDATE SET stamp = EXCLUDED.stamp, result = EXCLUDED.result, compute_ms = EXCLUDED.compute_ms, computed_at = EXCLUDED.computed_at;

-- agreement.gold-items
SELECT id, gold FROM items WHERE project_id = $1 AND is_gold;

-- agreement.label-changes
SELECT c.id::text AS id, c.item_id, c.annotator_id, c.pair_key, c.before
     FROM agreement_label_changes c WHERE c.project_id = $1 ORDER BY c.id;

-- agreement.label-changes-delete
DELETE FROM agreement_label_changes WHERE project_id = $1 AND id <= $2::bigint;

-- agreement.label-stamp
SELECT (SELECT count(*) FROM labels WHERE project_id = $1) AS labels,
       (SELECT max(updated_at) FROM labels WHERE project_id = $1) AS newest,
       (SELECT md5(coalesce(string_agg(id::text || ':' || coalesce(gold::text, ''), ',' ORDER BY id), ''))
          FROM items WHERE project_id = $1 AND is_gold) AS gold;

-- agreement.labels
SELECT l.item_id, l.annotator_id, l.content, l.display_order[1] AS shown_first, l.time_spent_ms, l.origin,
       (extract(epoch FROM l.created_at) * 1000)::float8 AS at_ms
  FROM labels l JOIN items i ON i.id = l.item_id
 WHERE l.project_id = $1
   AND ($2::text IS NULL OR i.language = $2)
   AND ($3::text IS NULL OR i.specialty = $3)
   AND ($4::timestamptz IS NULL OR l.created_at >= $4)
   AND ($5::timestamptz IS NULL OR l.created_at < $5)
   AND ($6::uuid[] IS NULL OR l.annotator_id = ANY($6));

-- agreement.older-transactions-finished
SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS finished;

-- agreement.project-by-id
SELECT id, slug, kind, criteria, scale_min, scale_max, settings FROM projects WHERE id = $1;

-- agreement.project-by-slug
SELECT id, slug, kind, criteria, scale_min, scale_max, settings FROM projects WHERE slug = $1;

-- agreement.reliability-gold-preferred
SELECT id, gold->>'preferred' AS preferred FROM items
    WHERE project_id = $1 AND is_gold AND gold->>'criterion' = $2 AND gold->>'preferred' IS NOT NULL;

-- agreement.reliability-labels
SELECT l.item_id, l.annotator_id, u.username, l.content
     FROM labels l JOIN users u ON u.id = l.annotator_id
    WHERE l.project_id = $1;

-- agreement.reliability-project
SELECT id, kind FROM projects WHERE id::text = $1 OR slug = $1;

-- agreement.response-positions-of-items
SELECT id, position FROM responses WHERE item_id = ANY($1::uuid[]);

-- agreement.response-positions-of-project
SELECT r.id, r.position FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1;

-- agreement.snapshot-xmax
SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax;

-- agreement.tally-copy-pairwise-1
COPY (
       WITH scope AS (SELECT current_setting('clinrank.tally_criteria')::text[] AS c)
       SELECT l.item_id, l.annotator_id, l.content->>'a', l.content->>'b',
              (l.content->>'kind' IS DISTINCT FROM 'pairwise')::int,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END
         FROM labels l
        WHERE l.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
        ORDER BY l.item_id, l.annotator_id, l.pair_key
     ) TO STDOUT;

-- agreement.tally-copy-pairwise-2
COPY (
       WITH scope AS (SELECT current_setting('clinrank.tally_criteria')::text[] AS c)
       SELECT l.item_id, l.annotator_id, l.content->>'a', l.content->>'b',
              (l.content->>'kind' IS DISTINCT FROM 'pairwise')::int,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END
         FROM labels l
        WHERE l.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
        ORDER BY l.item_id, l.annotator_id, l.pair_key
     ) TO STDOUT;

-- agreement.tally-copy-pairwise-3
COPY (
       WITH scope AS (SELECT current_setting('clinrank.tally_criteria')::text[] AS c)
       SELECT l.item_id, l.annotator_id, l.content->>'a', l.content->>'b',
              (l.content->>'kind' IS DISTINCT FROM 'pairwise')::int,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END
         FROM labels l
        WHERE l.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
        ORDER BY l.item_id, l.annotator_id, l.pair_key
     ) TO STDOUT;

-- agreement.tally-copy-pairwise-4
COPY (
       WITH scope AS (SELECT current_setting('clinrank.tally_criteria')::text[] AS c)
       SELECT l.item_id, l.annotator_id, l.content->>'a', l.content->>'b',
              (l.content->>'kind' IS DISTINCT FROM 'pairwise')::int,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[4], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[4], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END
         FROM labels l
        WHERE l.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
        ORDER BY l.item_id, l.annotator_id, l.pair_key
     ) TO STDOUT;

-- agreement.tally-copy-pairwise-5
COPY (
       WITH scope AS (SELECT current_setting('clinrank.tally_criteria')::text[] AS c)
       SELECT l.item_id, l.annotator_id, l.content->>'a', l.content->>'b',
              (l.content->>'kind' IS DISTINCT FROM 'pairwise')::int,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[4], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[4], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[5], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[5], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END
         FROM labels l
        WHERE l.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
        ORDER BY l.item_id, l.annotator_id, l.pair_key
     ) TO STDOUT;

-- agreement.tally-copy-pairwise-6
COPY (
       WITH scope AS (SELECT current_setting('clinrank.tally_criteria')::text[] AS c)
       SELECT l.item_id, l.annotator_id, l.content->>'a', l.content->>'b',
              (l.content->>'kind' IS DISTINCT FROM 'pairwise')::int,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[4], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[4], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[5], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[5], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[6], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[6], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END
         FROM labels l
        WHERE l.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
        ORDER BY l.item_id, l.annotator_id, l.pair_key
     ) TO STDOUT;

-- agreement.tally-copy-pairwise-7
COPY (
       WITH scope AS (SELECT current_setting('clinrank.tally_criteria')::text[] AS c)
       SELECT l.item_id, l.annotator_id, l.content->>'a', l.content->>'b',
              (l.content->>'kind' IS DISTINCT FROM 'pairwise')::int,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[4], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[4], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[5], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[5], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[6], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[6], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[7], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[7], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END
         FROM labels l
        WHERE l.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
        ORDER BY l.item_id, l.annotator_id, l.pair_key
     ) TO STDOUT;

-- agreement.tally-copy-pairwise-8
COPY (
       WITH scope AS (SELECT current_setting('clinrank.tally_criteria')::text[] AS c)
       SELECT l.item_id, l.annotator_id, l.content->>'a', l.content->>'b',
              (l.content->>'kind' IS DISTINCT FROM 'pairwise')::int,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[1], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[2], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[3], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[4], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[4], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[5], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[5], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[6], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[6], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[7], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[7], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END,
              CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[8], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[8], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END
         FROM labels l
        WHERE l.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
        ORDER BY l.item_id, l.annotator_id, l.pair_key
     ) TO STDOUT;

-- agreement.tally-copy-positions
COPY (
     SELECT r.id, r.position FROM responses r JOIN items i ON i.id = r.item_id
      WHERE i.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
   ) TO STDOUT;

-- agreement.tally-copy-scope
SELECT set_config('clinrank.tally_project', $1, true), set_config('clinrank.tally_criteria', $2::text[]::text, true),
          set_config('jit', 'off', true);

-- agreement.tally-declare-labels
DECLARE tally_labels NO SCROLL CURSOR FOR
   SELECT item_id, annotator_id, pair_key, content FROM labels WHERE project_id = $1 ORDER BY item_id, annotator_id, pair_key;

-- agreement.tally-fetch-labels
FETCH 2000 FROM tally_labels;

-- agreement.tally-labels-of-items
SELECT item_id, annotator_id, pair_key, content FROM labels WHERE item_id = ANY($1::uuid[]) ORDER BY item_id, annotator_id, pair_key;

-- agreement.tally-lock
SELECT pg_advisory_lock(hashtextextended('agreement-tally:' || $1, 0));

-- agreement.tally-mark-building
INSERT INTO agreement_tallies (project_id, state) VALUES ($1, NULL) ON CONFLICT (project_id) DO NOTHING;

-- agreement.tally-positions-of-items
SELECT id, position FROM responses WHERE item_id = ANY($1::uuid[]);

-- agreement.tally-positions-of-project
SELECT r.id, r.position FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1;

-- agreement.tally-reset
DELETE FROM agreement_tallies WHERE project_id = $1;

-- agreement.tally-save
UPDATE agreement_tallies SET state = $2, version = version + 1, updated_at = now() WHERE project_id = $1
   RETURNING version::text AS version;

-- agreement.tally-state
SELECT state, version::text AS version FROM agreement_tallies WHERE project_id = $1;

-- agreement.tally-unlock
SELECT pg_advisory_unlock(hashtextextended('agreement-tally:' || $1, 0));

-- agreement.tally-version
SELECT state IS NOT NULL AS built, version::text AS version,
          EXISTS (SELECT 1 FROM agreement_label_changes c WHERE c.project_id = $1) AS pending
     FROM agreement_tallies WHERE project_id = $1;

-- agreement.usernames
SELECT id, username FROM users WHERE id = ANY($1::uuid[]);
