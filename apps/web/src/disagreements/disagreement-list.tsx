import { Button } from '@mui/material';
import { BooleanField, DataTable, FunctionField, List, NumberField, ReferenceInput, SelectInput, TextInput, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';

const f = (name: string) => `clinrank.disagreements.${name}`;
const filters = [
  <ReferenceInput key="projectId" source="projectId" reference="projects" alwaysOn>
    <SelectInput optionText="name" label="clinrank.menu.projects" />
  </ReferenceInput>,
  <TextInput key="criterion" source="criterion" label="clinrank.ws.criterion" alwaysOn />,
];

function ReviewLink({ itemId }: { itemId: string }) {
  const translate = useTranslate();
  return <Button size="small" component={Link} to={`/review/${itemId}`}>{translate(f('review'))}</Button>;
}

/** Items whose labels disagree, least agreement first, leading to the adjudication screen. */
export default function DisagreementList() {
  return (
    <List filters={filters} filterDefaultValues={{ criterion: 'overall' }} perPage={50} exporter={false} empty={false}>
      <DataTable bulkActionButtons={false} rowClick={(id) => `/review/${id}`}>
        <DataTable.Col source="externalId" label="Item" disableSort />
        <DataTable.Col source="language" label="clinrank.projects.fields.languages" disableSort />
        <DataTable.Col source="specialty" label="clinrank.projects.fields.specialties" disableSort />
        <DataTable.Col source="agreement" label={f('agreement')} disableSort><NumberField source="agreement" options={{ maximumFractionDigits: 2 }} /></DataTable.Col>
        <DataTable.Col source="majority" label={f('majority')} disableSort />
        <DataTable.Col source="labels" label={f('labels')} disableSort />
        <DataTable.Col source="adjudicated" label={f('adjudicated')} disableSort><BooleanField source="adjudicated" /></DataTable.Col>
        <DataTable.Col disableSort><FunctionField render={(record: { itemId: string }) => <ReviewLink itemId={record.itemId} />} /></DataTable.Col>
      </DataTable>
    </List>
  );
}
