import { BooleanInput, NumberInput, SelectInput, SimpleForm, TextArrayInput, TextInput, required } from 'react-admin';
import { MarkdownInput } from './markdown-input.js';

const KINDS = ['pairwise', 'ranking', 'rating', 'validation'].map((id) => ({ id, name: id }));
const f = (name: string) => `clinrank.projects.fields.${name}`;

/** The project form, shared by create and edit (slug and task kind are fixed once created). */
export function ProjectForm({ creating }: { creating: boolean }) {
  return (
    <SimpleForm>
      <TextInput source="name" label={f('name')} validate={required()} fullWidth />
      {creating && <TextInput source="slug" label={f('slug')} validate={required()} helperText="a-z, 0-9, -" />}
      {creating && <SelectInput source="kind" label={f('kind')} choices={KINDS} validate={required()} />}
      <TextArrayInput source="criteria" label={f('criteria')} helperText="accuracy, helpfulness, safety… (overall is always asked)" />
      <NumberInput source="overlap" label={f('overlap')} min={1} step={1} />
      <NumberInput source="goldRate" label={f('goldRate')} min={0} max={1} step={0.05} />
      <TextArrayInput source="languages" label={f('languages')} helperText="en, zh, ar…" />
      <TextArrayInput source="specialties" label={f('specialties')} />
      <BooleanInput source="allowTies" label={f('allowTies')} />
      <BooleanInput source="requireRationale" label={f('requireRationale')} />
      <NumberInput source="scaleMin" label={f('scaleMin')} step={1} />
      <NumberInput source="scaleMax" label={f('scaleMax')} step={1} />
      <NumberInput source="leaseSeconds" label={f('leaseSeconds')} step={60} />
      {!creating && <BooleanInput source="locked" label={f('locked')} />}
      <MarkdownInput source={creating ? 'guidelines' : 'currentGuidelines.markdown'} label={f('guidelines')} />
    </SimpleForm>
  );
}
