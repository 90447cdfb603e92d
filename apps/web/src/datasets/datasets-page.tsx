import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { Fragment, useCallback, useEffect, useState, type ReactNode } from 'react';
import { zipFiles } from './zip.js';
import { Title, useGetList, usePermissions, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { graphql } from '../gql/index.js';
import type { DatasetSnapshotFieldsFragment } from '../gql/graphql.js';
import type { ProjectRecord } from '../providers/data-provider.js';
import { gqlMutate, gqlQuery } from '../providers/graphql-client.js';
import { readSession } from '../providers/session.js';

graphql(`
  fragment DatasetSnapshotFields on DatasetSnapshot {
    id
    name
    status
    createdAt
    createdBy
    manifest
    files {
      name
      sha256
      bytes
      records
      url
    }
  }
`);
const SNAPSHOTS = graphql(`
  query DatasetSnapshots($projectId: ID!) {
    datasetSnapshots(projectId: $projectId) {
      ...DatasetSnapshotFields
    }
  }
`);
const PREVIEW = graphql(`
  query PreviewExport($input: ExportRequestInput!) {
    previewExport(input: $input) {
      records
      counts
      request
    }
  }
`);
const EXPORT = graphql(`
  mutation RequestExport($input: ExportRequestInput!) {
    requestExport(input: $input) {
      ...DatasetSnapshotFields
    }
  }
`);

const FORMATS = ['trl', 'trl-conversational', 'kto', 'openrlhf', 'ranking', 'raw', 'sft'];
const POLICIES = ['majority', 'per-annotator', 'unanimous', 'bradley-terry', 'dawid-skene'];
const FLAGS = ['unsafe', 'factual_error', 'contains_phi', 'not_answerable', 'wrong_language'];

type Snapshot = DatasetSnapshotFieldsFragment;
type SnapshotFile = Snapshot['files'][number];
/** The preview's JSON fields (the schema types them as JSON), as the API's export writes them. */
interface Preview {
  records: { split: string; record: unknown }[];
  counts: {
    itemsSeen: number;
    itemsExported: number;
    excluded: Record<string, number>;
    splits: Record<string, { items: number; records: number }>;
  };
  request: unknown;
}

interface FormState {
  format: string;
  policy: string;
  criterion: string;
  ties: string;
  margin: string;
  minLabels: string;
  minAgreement: string;
  excludeFlags: string[];
  languages: string[];
  specialties: string[];
  split: string;
  seed: string;
  gold: string;
  parquet: boolean;
  metadata: boolean;
  name: string;
}

const INITIAL: FormState = {
  format: 'trl',
  policy: 'majority',
  criterion: 'overall',
  ties: 'drop',
  margin: 'none',
  minLabels: '1',
  minAgreement: '0',
  excludeFlags: [],
  languages: [],
  specialties: [],
  split: '0.8,0.1,0.1',
  seed: 'clinrank',
  gold: 'include',
  parquet: false,
  metadata: true,
  name: '',
};

/** Formats whose every record is trained as chosen over rejected: the server refuses ties "keep" for them. */
const CHOSEN_REJECTED = ['trl', 'trl-conversational', 'openrlhf'];

/** The form as the API's request object (the server validates it and names any bad option). */
function toRequest(form: FormState): Record<string, unknown> {
  // Filters come from the project's own languages and specialties, as where expressions the API understands.
  const where = [
    form.languages.length ? `language=${form.languages.join(',')}` : '',
    form.specialties.length ? `specialty=${form.specialties.join(',')}` : '',
  ].filter(Boolean);
  const ties = CHOSEN_REJECTED.includes(form.format) ? 'drop' : form.ties;
  return {
    format: form.format,
    policy: form.policy,
    criterion: form.criterion,
    ties,
    margin: form.margin,
    minLabelsPerItem: form.minLabels,
    minAgreement: form.minAgreement,
    excludeFlags: form.excludeFlags,
    ...(where.length ? { where } : {}),
    split: form.split,
    seed: form.seed,
    gold: form.gold,
    parquet: form.parquet,
    metadata: form.metadata,
  };
}

/** Every file of a snapshot in one ZIP named after it, fetched with the session's token and zipped in the browser. */
async function downloadAll(snapshot: Snapshot): Promise<void> {
  const files = await Promise.all(
    snapshot.files.map(async (file) => {
      const response = await fetch(file.url, { headers: { authorization: `Bearer ${readSession()?.token ?? ''}` } });
      if (!response.ok) throw new Error(`${file.name}: ${response.status} ${response.statusText}`);
      return { name: file.name, data: new Uint8Array(await response.arrayBuffer()) };
    }),
  );
  const url = URL.createObjectURL(new Blob([zipFiles(files) as BlobPart], { type: 'application/zip' }));
  const base = (snapshot.name ?? snapshot.id).replace(/[^\p{L}\p{N}._-]+/gu, '-');
  const link = Object.assign(document.createElement('a'), { href: url, download: `${base}.zip` });
  link.click();
  URL.revokeObjectURL(url);
}

/** Downloads a snapshot file with the session's bearer token (a plain link could not send it). */
async function download(file: SnapshotFile): Promise<void> {
  const response = await fetch(file.url, { headers: { authorization: `Bearer ${readSession()?.token ?? ''}` } });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
  link.click();
  URL.revokeObjectURL(url);
}

function RequestForm({
  form,
  setForm,
  project,
}: {
  form: FormState;
  setForm: (form: FormState) => void;
  project: Pick<ProjectRecord, 'criteria' | 'languages' | 'specialties'> | null;
}) {
  const translate = useTranslate();
  // The labelling workspace's names for the flags, so a flag reads the same on both pages.
  const flagLabel = (flag: string) => translate(`clinrank.ws.flags.${flag}`, { _: flag });
  const field = (key: keyof FormState) => ({
    size: 'small' as const,
    label: translate(`clinrank.datasets.${snake(key)}`),
    value: form[key],
    onChange: (event: { target: { value: unknown } }) => setForm({ ...form, [key]: event.target.value }),
  });
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <TextField select {...field('format')} sx={{ minWidth: 180 }}>
        {FORMATS.map((value) => (
          <MenuItem key={value} value={value}>
            {value}
          </MenuItem>
        ))}
      </TextField>
      <TextField select {...field('policy')} sx={{ minWidth: 180 }}>
        {POLICIES.map((value) => (
          <MenuItem key={value} value={value}>
            {translate(`clinrank.datasets.policies.${value}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField select {...field('criterion')} sx={{ minWidth: 160 }}>
        {['overall', ...(project?.criteria ?? [])].map((value) => (
          <MenuItem key={value} value={value}>
            {translate(`clinrank.ws.criteria.${value}`, { _: value })}
          </MenuItem>
        ))}
      </TextField>
      <TextField select {...field('ties')} sx={{ minWidth: 120 }}>
        {['drop', 'keep'].map((value) => (
          <MenuItem key={value} value={value} disabled={value === 'keep' && CHOSEN_REJECTED.includes(form.format)}>
            {translate(`clinrank.datasets.ties_options.${value}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField select {...field('margin')} sx={{ minWidth: 140 }}>
        {['none', 'votes', 'probability'].map((value) => (
          <MenuItem key={value} value={value}>
            {translate(`clinrank.datasets.margin_options.${value}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField {...field('minLabels')} type="number" />
      <TextField {...field('minAgreement')} type="number" slotProps={{ htmlInput: { min: 0, max: 1, step: 0.01 } }} />
      <TextField
        select
        {...field('excludeFlags')}
        slotProps={{
          select: { multiple: true, renderValue: (selected) => (selected as string[]).map(flagLabel).join(', ') },
        }}
        sx={{ minWidth: 220 }}
      >
        {FLAGS.map((value) => (
          <MenuItem key={value} value={value}>
            {flagLabel(value)}
          </MenuItem>
        ))}
      </TextField>
      <TextField select {...field('gold')} sx={{ minWidth: 140 }}>
        {['include', 'exclude', 'only'].map((value) => (
          <MenuItem key={value} value={value}>
            {translate(`clinrank.datasets.gold_options.${value}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField {...field('split')} />
      <TextField {...field('seed')} />
      <TextField
        select
        {...field('languages')}
        slotProps={{ select: { multiple: true } }}
        helperText={translate('clinrank.datasets.all_when_empty')}
        sx={{ minWidth: 160 }}
      >
        {(project?.languages ?? []).map((value) => (
          <MenuItem key={value} value={value}>
            {value}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        {...field('specialties')}
        slotProps={{ select: { multiple: true } }}
        helperText={translate('clinrank.datasets.all_when_empty')}
        sx={{ minWidth: 180 }}
      >
        {(project?.specialties ?? []).map((value) => (
          <MenuItem key={value} value={value}>
            {value}
          </MenuItem>
        ))}
      </TextField>
      <TextField {...field('name')} />
      <FormControlLabel
        control={
          <Checkbox checked={form.parquet} onChange={(event) => setForm({ ...form, parquet: event.target.checked })} />
        }
        label={translate('clinrank.datasets.parquet')}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={form.metadata}
            onChange={(event) => setForm({ ...form, metadata: event.target.checked })}
          />
        }
        label={translate('clinrank.datasets.metadata')}
      />
    </Stack>
  );
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** JSON as text, each string isolated in its own direction, so Arabic values neither reorder nor drag the punctuation. */
function JsonView({ value }: { value: unknown }): ReactNode {
  if (typeof value === 'string') return <bdi dir="auto">{JSON.stringify(value)}</bdi>;
  if (Array.isArray(value))
    return (
      <>
        [
        {value.map((entry, index) => (
          <Fragment key={index}>
            {index > 0 && ', '}
            <JsonView value={entry} />
          </Fragment>
        ))}
        ]
      </>
    );
  if (value !== null && typeof value === 'object') {
    return (
      <>
        {'{'}
        {Object.entries(value).map(([key, entry], index) => (
          <Fragment key={key}>
            {index > 0 && ', '}
            <bdi dir="auto">{JSON.stringify(key)}</bdi>: <JsonView value={entry} />
          </Fragment>
        ))}
        {'}'}
      </>
    );
  }
  return <>{JSON.stringify(value)}</>;
}

function PreviewPanel({ preview }: { preview: Preview }) {
  const translate = useTranslate();
  const { counts } = preview;
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2">
        {translate('clinrank.datasets.counts')}
      </Typography>
      <Typography>
        {translate('clinrank.datasets.items_seen')}: {counts.itemsSeen} ·{' '}
        {translate('clinrank.datasets.items_exported')}: {counts.itemsExported} ·{' '}
        {Object.entries(counts.splits)
          .map(([split, value]) =>
            translate('clinrank.datasets.split_count', {
              split: translate(`clinrank.datasets.splits.${split}`, { _: split }),
              items: value.items,
              records: value.records,
            }),
          )
          .join(' · ')}
        {Object.keys(counts.excluded).length > 0 &&
          ` · ${translate('clinrank.datasets.excluded')}: ${Object.entries(counts.excluded)
            .map(([reason, n]) => `${translate(`clinrank.datasets.exclusions.${reason}`, { _: reason })} ${n}`)
            .join(', ')}`}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="split-explained">
        {translate('clinrank.datasets.splits_explained')}
      </Typography>
      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {translate('clinrank.datasets.preview_title')}
      </Typography>
      <Box
        component="pre"
        dir="ltr"
        sx={{ whiteSpace: 'pre-wrap', fontSize: 12, maxHeight: 400, overflow: 'auto' }}
        data-testid="preview-json"
      >
        {preview.records.map((entry, index) => (
          <div key={index}>
            [{entry.split}] <JsonView value={entry.record} />
          </div>
        ))}
      </Box>
    </Paper>
  );
}

function SnapshotTable({ snapshots, onError }: { snapshots: Snapshot[]; onError: (message: string) => void }) {
  const translate = useTranslate();
  const { permissions: role } = usePermissions<string>();
  if (!snapshots.length) return <Typography>{translate('clinrank.datasets.none')}</Typography>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('clinrank.datasets.name')}</TableCell>
          <TableCell>{translate('clinrank.datasets.created')}</TableCell>
          <TableCell>{translate('clinrank.datasets.status')}</TableCell>
          <TableCell>{translate('clinrank.datasets.files')}</TableCell>
          <TableCell>{translate('clinrank.datasets.manifest')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {snapshots.map((snapshot) => (
          <TableRow key={snapshot.id}>
            <TableCell>
              {snapshot.name ?? String((snapshot.manifest as { name?: unknown }).name ?? snapshot.id)}
              {role === 'ml_engineer' && snapshot.status === 'ready' && (
                <Box>
                  <Button
                    size="small"
                    variant="outlined"
                    component={RouterLink}
                    to={`/training-runs?snapshot=${snapshot.id}`}
                    sx={{ mt: 0.5 }}
                  >
                    {translate('clinrank.datasets.train_on_snapshot')}
                  </Button>
                </Box>
              )}
            </TableCell>
            <TableCell>
              {new Date(snapshot.createdAt).toLocaleString()} · {snapshot.createdBy}
            </TableCell>
            <TableCell>
              {translate(`clinrank.datasets.snapshot_statuses.${snapshot.status}`, { _: snapshot.status })}
            </TableCell>
            <TableCell>
              <Button
                size="small"
                variant="contained"
                data-testid="download-all"
                onClick={() =>
                  downloadAll(snapshot).catch((error: Error) =>
                    onError(`${translate('clinrank.datasets.download_failed')}: ${error.message}`),
                  )
                }
              >
                {translate('clinrank.datasets.download_all')}
              </Button>
              {snapshot.files.map((file) => (
                <Button
                  key={file.name}
                  size="small"
                  onClick={() =>
                    download(file).catch((error: Error) =>
                      onError(`${translate('clinrank.datasets.download_failed')}: ${error.message}`),
                    )
                  }
                >
                  {file.name}
                  {file.records !== null ? ` (${file.records})` : ''}
                </Button>
              ))}
            </TableCell>
            <TableCell>
              <details>
                <summary>JSON</summary>
                <Box component="pre" sx={{ fontSize: 11, maxWidth: 480, overflow: 'auto' }}>
                  {JSON.stringify(snapshot.manifest, null, 2)}
                </Box>
              </details>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** ML engineers' Datasets page: build an export request, preview ten records and the counts, run it, download snapshots. */
export default function DatasetsPage() {
  const translate = useTranslate();
  const { data: projects } = useGetList<ProjectRecord>('projects', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'name', order: 'ASC' },
  });
  const [projectId, setProjectId] = useState<string | null>(null);
  const [form, setForm] = useState<FormState>(INITIAL);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [snapshots, setSnapshots] = useState<Snapshot[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selected = projectId ?? projects?.[0]?.id ?? null;

  const refresh = useCallback(() => {
    if (!selected) return;
    gqlQuery(SNAPSHOTS, { projectId: selected }).then(
      (data) => setSnapshots(data.datasetSnapshots),
      (caught: Error) => setError(caught.message),
    );
  }, [selected]);
  useEffect(refresh, [refresh]);

  const input = (projectId: string) => ({
    projectId,
    request: toRequest(form),
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
  });
  const run = async (action: 'preview' | 'export') => {
    if (!selected) return;
    setError(null);
    setBusy(true);
    try {
      if (action === 'preview')
        setPreview(
          (await gqlQuery(PREVIEW, { input: { projectId: selected, request: toRequest(form) } }))
            .previewExport as Preview,
        );
      else {
        await gqlMutate(EXPORT, { input: input(selected) });
        refresh();
      }
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={translate('clinrank.datasets.title')} />
      <TextField
        select
        size="small"
        label={translate('clinrank.datasets.choose_project')}
        value={selected ?? ''}
        onChange={(event) => {
          setProjectId(event.target.value);
          setForm(INITIAL);
          setPreview(null);
        }}
        sx={{ maxWidth: 400 }}
      >
        {(projects ?? []).map((project) => (
          <MenuItem key={project.id} value={project.id}>
            {project.name}
          </MenuItem>
        ))}
      </TextField>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {translate('clinrank.datasets.request')}
        </Typography>
        <RequestForm
          form={form}
          project={projects?.find((candidate) => candidate.id === selected) ?? null}
          setForm={(next) => {
            setForm(next);
            setPreview(null);
          }}
        />
        <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
          <Button variant="outlined" disabled={!selected || busy} onClick={() => run('preview')}>
            {translate('clinrank.datasets.preview')}
          </Button>
          <Button variant="contained" disabled={!selected || busy || !preview} onClick={() => run('export')}>
            {busy ? translate('clinrank.datasets.running') : translate('clinrank.datasets.run')}
          </Button>
        </Stack>
      </Paper>
      {error && <Alert severity="error">{error}</Alert>}
      {preview && <PreviewPanel preview={preview} />}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2">
          {translate('clinrank.datasets.snapshots')}
        </Typography>
        <SnapshotTable snapshots={snapshots} onError={setError} />
      </Paper>
    </Stack>
  );
}
