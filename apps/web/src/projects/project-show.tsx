import BarChartIcon from '@mui/icons-material/BarChart';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import ListIcon from '@mui/icons-material/List';
import { Button, Paper, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { graphql } from '../gql/index.js';
import { gqlQuery } from '../providers/graphql-client.js';
import {
  BooleanField,
  FunctionField,
  EditButton,
  NumberField,
  Show,
  SimpleShowLayout,
  TextArrayField,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
  useUpdate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { MarkdownView } from '../workspace/markdown-view.js';
import { ImportPanel } from './import-panel.js';
import { ITEMS_CHANGED } from './import-upload.js';
import { MembersPanel } from './members-panel.js';

const f = (name: string) => `clinrank.projects.fields.${name}`;

function LockButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const [update, { isPending }] = useUpdate();
  if (!record) return null;
  const toggle = () =>
    update(
      'projects',
      { id: record.id, data: { locked: !record.locked }, previousData: record },
      { mutationMode: 'pessimistic' },
    );
  return (
    <Button
      size="small"
      disabled={isPending}
      startIcon={record.locked ? <LockOpenIcon /> : <LockIcon />}
      onClick={toggle}
    >
      {translate(record.locked ? 'clinrank.projects.unlock' : 'clinrank.projects.lock')}
    </Button>
  );
}

const ITEM_COUNT = graphql(`
  query ProjectItemCount($projectId: ID!) {
    items(projectId: $projectId, limit: 1) {
      projectItems
    }
  }
`);

/** "Items (240)": the project's item count, leading to the Items list. */
function ItemsButton({ projectId }: { projectId: string }) {
  const translate = useTranslate();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const load = () =>
      void gqlQuery(ITEM_COUNT, { projectId }, { fresh: true }).then(
        (data) => setCount(data.items.projectItems),
        () => setCount(null),
      );
    load();
    window.addEventListener(ITEMS_CHANGED, load);
    return () => window.removeEventListener(ITEMS_CHANGED, load);
  }, [projectId]);
  return (
    <Button
      size="small"
      component={Link}
      to={`/projects/${projectId}/items`}
      startIcon={<ListIcon />}
      data-testid="project-items"
    >
      {translate('clinrank.items.open', { count: count ?? '…' })}
    </Button>
  );
}

function Actions() {
  const record = useRecordContext();
  const translate = useTranslate();
  return (
    <TopToolbar>
      {record && <ItemsButton projectId={String(record.id)} />}
      {record && (
        <Button size="small" component={Link} to={`/progress/${record.id}`} startIcon={<BarChartIcon />}>
          {translate('clinrank.menu.progress')}
        </Button>
      )}
      {record && (
        <Button
          size="small"
          component={Link}
          to={`/disagreements?filter=${encodeURIComponent(JSON.stringify({ projectId: record.id }))}`}
          startIcon={<CompareArrowsIcon />}
        >
          {translate('clinrank.menu.disagreements')}
        </Button>
      )}
      <LockButton />
      <EditButton />
    </TopToolbar>
  );
}

function Guidelines() {
  const record = useRecordContext<{ currentGuidelines?: { version: number; markdown: string } }>();
  const translate = useTranslate();
  if (!record?.currentGuidelines) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2, width: '100%' }}>
      <Typography variant="subtitle2">
        {translate('clinrank.ws.guidelines_version', { version: record.currentGuidelines.version })}
      </Typography>
      <MarkdownView text={record.currentGuidelines.markdown} />
    </Paper>
  );
}

function Members() {
  const record = useRecordContext();
  return record ? <MembersPanel projectId={String(record.id)} /> : null;
}

function Import() {
  const record = useRecordContext();
  return record ? <ImportPanel projectId={String(record.id)} /> : null;
}

/** A project: its settings, guidelines, import of items, lock. */
export default function ProjectShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Actions />}>
      <Stack spacing={2} sx={{ p: 2 }}>
        <Import />
        <SimpleShowLayout sx={{ p: 0 }}>
          <TextField source="name" label={f('name')} />
          <TextField source="slug" label={f('slug')} />
          <TextField source="kind" label={f('kind')} />
          <TextArrayField source="criteria" label={f('criteria')} />
          <NumberField source="overlap" label={f('overlap')} />
          <FunctionField
            label={f('adaptive')}
            render={(project: {
              adaptive?: boolean;
              adaptiveOverlap?: { min: number; max: number; confidence: number; criteria?: string };
            }) =>
              project.adaptive && project.adaptiveOverlap
                ? `${project.adaptiveOverlap.min}–${project.adaptiveOverlap.max} @ ${project.adaptiveOverlap.confidence}` +
                  (project.adaptiveOverlap.criteria === 'EVERY' ? ` (${translate(f('overlapCriteriaEvery'))})` : '')
                : '—'
            }
          />
          <NumberField source="goldRate" label={f('goldRate')} />
          <BooleanField source="uncertaintyFirst" label={f('uncertaintyFirst')} />
          <TextArrayField source="languages" label={f('languages')} />
          <TextArrayField source="specialties" label={f('specialties')} />
          <BooleanField source="allowTies" label={f('allowTies')} />
          <BooleanField source="requireRationale" label={f('requireRationale')} />
          <BooleanField source="locked" label={f('locked')} />
        </SimpleShowLayout>
        <Members />
        <Guidelines />
      </Stack>
    </Show>
  );
}
