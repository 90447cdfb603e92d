import { BooleanField, CreateButton, DataTable, List, NumberField, TextArrayField, TopToolbar } from 'react-admin';

const f = (name: string) => `clinrank.projects.fields.${name}`;

/** All projects, newest settings first. */
export default function ProjectList() {
  return (
    <List
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" label={f('name')} />
        <DataTable.Col source="slug" label={f('slug')} />
        <DataTable.Col source="kind" label={f('kind')} />
        <DataTable.Col source="languages" label={f('languages')} disableSort>
          <TextArrayField source="languages" />
        </DataTable.Col>
        <DataTable.Col source="overlap" label={f('overlap')}>
          <NumberField source="overlap" />
        </DataTable.Col>
        <DataTable.Col source="guidelineVersion" label={f('guidelineVersion')} />
        <DataTable.Col source="locked" label={f('locked')}>
          <BooleanField source="locked" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
