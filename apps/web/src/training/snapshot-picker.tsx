import { ListItemText, MenuItem, TextField } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { gqlQuery } from '../providers/graphql-client.js';
import { TRAINABLE_SNAPSHOTS, TRAINING_NODES, type TrainableSnapshot } from './training-queries.js';

/** Why a snapshot cannot train a reward model (an i18n key under clinrank.training), or null when it can. */
export function snapshotProblem(snapshot: TrainableSnapshot): 'empty_train_split' | 'empty_validation_split' | null {
  if (snapshot.train === 0) return 'empty_train_split';
  if (snapshot.validation === 0) return 'empty_validation_split';
  return null;
}

/** Ready snapshots and the number of online worker nodes; `refresh` re-reads the nodes and returns that number. */
export function useTrainingTargets() {
  const [snapshots, setSnapshots] = useState<TrainableSnapshot[] | null>(null);
  const [onlineNodes, setOnlineNodes] = useState<number | null>(null);
  const refresh = useCallback(async () => {
    const { trainingNodes } = await gqlQuery(TRAINING_NODES);
    const online = trainingNodes.filter((node) => node.status === 'online').length;
    setOnlineNodes(online);
    return online;
  }, []);
  useEffect(() => {
    gqlQuery(TRAINABLE_SNAPSHOTS).then(
      (data) => setSnapshots(data.trainableSnapshots),
      () => setSnapshots([]),
    );
    refresh().catch(() => setOnlineNodes(null));
  }, [refresh]);
  return { snapshots, onlineNodes, refresh };
}

/** Snapshots by name, project and date, with their split sizes; ones that cannot train are shown but disabled. */
export function SnapshotPicker({
  snapshots,
  value,
  onChange,
}: {
  snapshots: TrainableSnapshot[] | null;
  value: string;
  onChange: (id: string) => void;
}) {
  const translate = useTranslate();
  const known = snapshots?.some((snapshot) => snapshot.id === value);
  return (
    <TextField
      select
      size="small"
      label={translate('clinrank.training.snapshot')}
      value={known ? value : ''}
      onChange={(event) => onChange(event.target.value)}
      sx={{ minWidth: 360 }}
      slotProps={{ htmlInput: { 'data-testid': 'snapshot-picker' } }}
      helperText={snapshots && snapshots.length === 0 ? translate('clinrank.training.no_snapshots') : undefined}
    >
      {(snapshots ?? []).map((snapshot) => (
        <MenuItem
          key={snapshot.id}
          value={snapshot.id}
          disabled={snapshotProblem(snapshot) !== null}
          data-snapshot-id={snapshot.id}
        >
          <ListItemText
            primary={`${snapshot.name ?? snapshot.id.slice(0, 8)} · ${snapshot.projectName ?? '—'}`}
            secondary={`${new Date(snapshot.createdAt).toLocaleString()} · ${translate('clinrank.training.split_counts', { train: snapshot.train, validation: snapshot.validation, test: snapshot.test })}`}
          />
        </MenuItem>
      ))}
    </TextField>
  );
}
