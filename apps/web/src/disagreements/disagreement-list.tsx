import { Alert, Box, Button, Typography } from '@mui/material';
import {
  BooleanField,
  DataTable,
  FunctionField,
  List,
  NumberField,
  ReferenceInput,
  SelectInput,
  TextInput,
  useListContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import type { DisagreementRecord } from '../providers/data-provider.js';

const f = (name: string) => `clinrank.disagreements.${name}`;
const filters = [
  <ReferenceInput key="projectId" source="projectId" reference="projects" alwaysOn>
    <SelectInput optionText="name" label="clinrank.menu.projects" />
  </ReferenceInput>,
  <TextInput key="criterion" source="criterion" label="clinrank.ws.criterion" alwaysOn />,
];

function ReviewLink({ itemId }: { itemId: string }) {
  const translate = useTranslate();
  return (
    <Button size="small" component={Link} to={`/review/${itemId}`}>
      {translate(f('review'))}
    </Button>
  );
}

/** "A · Stop ibuprofen and call…": the majority by letter in the item's order, and the answer's first words. */
function Majority({ record }: { record: DisagreementRecord }) {
  const translate = useTranslate();
  if (!record.majorityLabel) return <>–</>;
  const label = translate(`clinrank.disagreements.verdicts.${record.majorityLabel}`, { _: record.majorityLabel });
  return (
    <Box>
      <Typography component="span" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      {record.majorityExcerpt && (
        <Typography component="span" variant="body2" color="text.secondary">
          {' · '}
          <bdi dir="auto">{record.majorityExcerpt}</bdi>
        </Typography>
      )}
    </Box>
  );
}

/** Says why the table is empty: no project chosen yet, or none of its items disagree. */
function EmptyState() {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const chosen = Boolean(filterValues.projectId);
  return (
    <Alert severity="info" sx={{ m: 2 }} data-testid="disagreements-empty">
      {chosen
        ? translate(f('none_in_project'), { criterion: filterValues.criterion || 'overall' })
        : translate(f('choose_project'))}
    </Alert>
  );
}

/** Items whose labels disagree, least agreement first, leading to the adjudication screen. */
export default function DisagreementList() {
  return (
    <List
      filters={filters}
      filterDefaultValues={{ criterion: 'overall' }}
      perPage={50}
      exporter={false}
      empty={false}
      title={f('title')}
    >
      <DataTable bulkActionButtons={false} rowClick={(id) => `/review/${id}`} empty={<EmptyState />}>
        <DataTable.Col source="externalId" label={f('item')} disableSort />
        <DataTable.Col source="language" label="clinrank.projects.fields.languages" disableSort />
        <DataTable.Col source="specialty" label="clinrank.projects.fields.specialties" disableSort />
        <DataTable.Col source="agreement" label={f('agreement')} disableSort>
          <NumberField source="agreement" options={{ maximumFractionDigits: 2 }} />
        </DataTable.Col>
        <DataTable.Col source="majorityLabel" label={f('majority')} disableSort>
          <FunctionField render={(record: DisagreementRecord) => <Majority record={record} />} />
        </DataTable.Col>
        <DataTable.Col source="labels" label={f('labels')} disableSort />
        <DataTable.Col source="adjudicated" label={f('adjudicated')} disableSort>
          <BooleanField source="adjudicated" />
        </DataTable.Col>
        <DataTable.Col disableSort>
          <FunctionField render={(record: { itemId: string }) => <ReviewLink itemId={record.itemId} />} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
