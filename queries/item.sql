-- Written by `npm run queries` from the repositories; do not edit.

-- item.lock
SELECT id FROM items WHERE id = $1 FOR UPDATE;

-- item.recount-labels
UPDATE items SET label_count = (SELECT count(DISTINCT annotator_id) FROM labels WHERE item_id = $1) WHERE id = $1;
