import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField as MuiTextField } from '@mui/material';
import { useState } from 'react';
import {
  BooleanInput,
  Edit,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextArrayInput,
  TextInput,
  Toolbar,
  TopToolbar,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { graphql } from '../gql/index.js';
import { gqlMutate } from '../providers/graphql-client.js';
import { ROLE_CHOICES } from './roles.js';

const f = (name: string) => `clinrank.users.fields.${name}`;
const RESET = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      id
    }
  }
`);

function ResetPasswordButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  if (!record) return null;
  const save = async () => {
    try {
      await gqlMutate(RESET, { input: { id: String(record.id), password } });
      notify('clinrank.users.reset_done', { type: 'success' });
      setOpen(false);
      setPassword('');
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {translate('clinrank.users.reset')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>{translate('clinrank.users.reset')}</DialogTitle>
        <DialogContent>
          <MuiTextField
            autoFocus
            type="password"
            margin="dense"
            fullWidth
            label={translate('clinrank.users.new_password')}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={!password} onClick={() => void save()}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** Edit an account's role, languages and specialties; reset its password. */
export default function UserEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      actions={
        <TopToolbar>
          <ResetPasswordButton />
        </TopToolbar>
      }
    >
      {/* Accounts are deactivated, never deleted: their labels and audit rows must keep an author. */}
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <TextInput source="username" label={f('username')} disabled />
        <TextInput source="displayName" label={f('displayName')} />
        <SelectInput source="role" label={f('role')} choices={ROLE_CHOICES} />
        <TextArrayInput source="languages" label={f('languages')} />
        <TextArrayInput source="specialties" label={f('specialties')} />
        <BooleanInput source="active" label={f('active')} />
      </SimpleForm>
    </Edit>
  );
}
