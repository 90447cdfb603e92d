import {
  Create,
  PasswordInput,
  SelectInput,
  SimpleForm,
  TextArrayInput,
  TextInput,
  required,
  usePermissions,
} from 'react-admin';
import { grantableRoleChoices } from './roles.js';

const f = (name: string) => `clinrank.users.fields.${name}`;

/** Create an account: annotators with their specialties and languages. */
export default function UserCreate() {
  const { permissions: role } = usePermissions<string>();
  return (
    <Create redirect="list" record={{ role: 'annotator', languages: ['en'], specialties: [] }}>
      <SimpleForm>
        <TextInput source="username" label={f('username')} validate={required()} />
        <TextInput source="displayName" label={f('displayName')} />
        <PasswordInput source="password" label={f('password')} validate={required()} />
        <SelectInput source="role" label={f('role')} choices={grantableRoleChoices(role)} validate={required()} />
        <TextArrayInput source="languages" label={f('languages')} />
        <TextArrayInput source="specialties" label={f('specialties')} />
      </SimpleForm>
    </Create>
  );
}
