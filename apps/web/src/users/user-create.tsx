import { Create, PasswordInput, SelectInput, SimpleForm, TextArrayInput, TextInput, required } from 'react-admin';
import { ROLE_CHOICES } from './roles.js';

const f = (name: string) => `clinrank.users.fields.${name}`;

/** Create an account: annotators with their specialties and languages. */
export default function UserCreate() {
  return (
    <Create redirect="list" record={{ role: 'annotator', languages: ['en'], specialties: [] }}>
      <SimpleForm>
        <TextInput source="username" label={f('username')} validate={required()} />
        <TextInput source="displayName" label={f('displayName')} />
        <PasswordInput source="password" label={f('password')} validate={required()} />
        <SelectInput source="role" label={f('role')} choices={ROLE_CHOICES} validate={required()} />
        <TextArrayInput source="languages" label={f('languages')} />
        <TextArrayInput source="specialties" label={f('specialties')} />
      </SimpleForm>
    </Create>
  );
}
