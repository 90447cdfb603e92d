import { BooleanField, CreateButton, DataTable, List, SearchInput, SelectInput, TextArrayField, TopToolbar } from 'react-admin';
import { ROLE_CHOICES } from './roles.js';

const f = (name: string) => `clinrank.users.fields.${name}`;
const filters = [<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="role" source="role" label={f('role')} choices={ROLE_CHOICES} alwaysOn />];

/** Every account, filterable by role and name. */
export default function UserList() {
  return (
    <List filters={filters} actions={<TopToolbar><CreateButton /></TopToolbar>} perPage={50}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="username" label={f('username')} disableSort />
        <DataTable.Col source="displayName" label={f('displayName')} disableSort />
        <DataTable.Col source="role" label={f('role')} disableSort />
        <DataTable.Col source="languages" label={f('languages')} disableSort><TextArrayField source="languages" /></DataTable.Col>
        <DataTable.Col source="specialties" label={f('specialties')} disableSort><TextArrayField source="specialties" /></DataTable.Col>
        <DataTable.Col source="active" label={f('active')} disableSort><BooleanField source="active" /></DataTable.Col>
      </DataTable>
    </List>
  );
}
