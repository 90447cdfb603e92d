import {
  BooleanField,
  CreateButton,
  DataTable,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  TextArrayField,
  TopToolbar,
  usePermissions,
} from 'react-admin';
import { ROLE_CHOICES } from './roles.js';

const f = (name: string) => `clinrank.users.fields.${name}`;
const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" label={f('role')} choices={ROLE_CHOICES} alwaysOn />,
];

/** Every account, filterable by role and name. Leads create accounts; only admins edit them (roles, passwords). */
export default function UserList() {
  const { permissions: role } = usePermissions<string>();
  return (
    <List
      filters={filters}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
      perPage={50}
    >
      <DataTable rowClick={role === 'admin' ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="username" label={f('username')} disableSort />
        <DataTable.Col source="displayName" label={f('displayName')} disableSort />
        <DataTable.Col source="role" label={f('role')} disableSort>
          <SelectField source="role" choices={ROLE_CHOICES} />
        </DataTable.Col>
        <DataTable.Col source="languages" label={f('languages')} disableSort>
          <TextArrayField source="languages" />
        </DataTable.Col>
        <DataTable.Col source="specialties" label={f('specialties')} disableSort>
          <TextArrayField source="specialties" />
        </DataTable.Col>
        <DataTable.Col source="active" label={f('active')} disableSort>
          <BooleanField source="active" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
