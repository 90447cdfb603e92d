import { useEffect, useRef } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  BooleanInput,
  NumberInput,
  SelectInput,
  SimpleForm,
  TextArrayInput,
  TextInput,
  required,
  useRecordContext,
} from 'react-admin';
import { MarkdownInput } from './markdown-input.js';
import { slugFromName } from './slug.js';

const KINDS = ['pairwise', 'ranking', 'rating', 'validation'].map((id) => ({
  id,
  name: `clinrank.projects.kinds.${id}`,
}));
const f = (name: string) => `clinrank.projects.fields.${name}`;
const h = (name: string) => `clinrank.projects.help.${name}`;

/** Fills the slug from the name until the lead types a slug of their own. */
function SlugInput() {
  const { setValue, getFieldState } = useFormContext();
  const name = useWatch({ name: 'name' }) as string | undefined;
  const typed = useRef(false);
  useEffect(() => {
    if (!typed.current && !getFieldState('slug').isDirty)
      setValue('slug', slugFromName(name ?? ''), { shouldValidate: Boolean(name) });
  }, [name, setValue, getFieldState]);
  return (
    <TextInput
      source="slug"
      label={f('slug')}
      validate={required()}
      helperText={h('slug')}
      onChange={() => (typed.current = true)}
    />
  );
}

/** The rating scale, shown only for rating projects: pairwise, ranking and validation have no scale. */
function ScaleInputs() {
  const record = useRecordContext<{ kind?: string }>();
  const kind = (useWatch({ name: 'kind' }) as string | undefined) ?? record?.kind;
  if (kind !== 'rating') return null;
  return (
    <>
      <NumberInput source="scaleMin" label={f('scaleMin')} step={1} />
      <NumberInput source="scaleMax" label={f('scaleMax')} step={1} />
    </>
  );
}

const OVERLAP_CRITERIA = [
  { id: 'OVERALL', name: f('overlapCriteriaOverall') },
  { id: 'EVERY', name: f('overlapCriteriaEvery') },
];

/**
 * Adaptive overlap: a switch, then the maximum, the confidence that closes an item and whether every criterion must
 * reach it (pairwise and rating; validation and ranking labels carry one judgement).
 */
function AdaptiveOverlapInputs() {
  const record = useRecordContext<{ kind?: string }>();
  const kind = (useWatch({ name: 'kind' }) as string | undefined) ?? record?.kind;
  const adaptive = useWatch({ name: 'adaptive' }) as boolean | undefined;
  if (!kind) return null;
  return (
    <>
      <BooleanInput source="adaptive" label={f('adaptive')} helperText={h('adaptive')} />
      {adaptive && (
        <>
          <NumberInput source="adaptiveOverlap.max" label={f('overlapMax')} min={1} max={50} step={1} />
          <NumberInput source="adaptiveOverlap.confidence" label={f('confidence')} min={0.5} max={0.99} step={0.05} />
          {(kind === 'pairwise' || kind === 'rating') && (
            <SelectInput source="adaptiveOverlap.criteria" label={f('overlapCriteria')} choices={OVERLAP_CRITERIA} />
          )}
        </>
      )}
    </>
  );
}

/** The project form, shared by create and edit (slug and task kind are fixed once created). */
export function ProjectForm({ creating }: { creating: boolean }) {
  return (
    <SimpleForm>
      <TextInput source="name" label={f('name')} validate={required()} fullWidth />
      {creating && <SlugInput />}
      {creating && <SelectInput source="kind" label={f('kind')} choices={KINDS} validate={required()} />}
      <TextArrayInput source="criteria" label={f('criteria')} helperText={h('criteria')} />
      <NumberInput source="overlap" label={f('overlap')} min={1} step={1} helperText={h('overlap')} />
      <AdaptiveOverlapInputs />
      <NumberInput source="goldRate" label={f('goldRate')} min={0} max={1} step={0.05} helperText={h('goldRate')} />
      <BooleanInput source="uncertaintyFirst" label={f('uncertaintyFirst')} helperText={h('uncertaintyFirst')} />
      <TextArrayInput source="languages" label={f('languages')} helperText="en, zh, ar…" />
      <TextArrayInput source="specialties" label={f('specialties')} />
      <BooleanInput source="allowTies" label={f('allowTies')} />
      <BooleanInput source="requireRationale" label={f('requireRationale')} />
      <ScaleInputs />
      <NumberInput
        source="minMedianSeconds"
        label={f('minMedianSeconds')}
        min={0}
        step={1}
        helperText={h('minMedianSeconds')}
      />
      <NumberInput source="leaseSeconds" label={f('leaseSeconds')} step={60} helperText={h('leaseSeconds')} />
      {!creating && <BooleanInput source="locked" label={f('locked')} />}
      <MarkdownInput source={creating ? 'guidelines' : 'currentGuidelines.markdown'} label={f('guidelines')} />
    </SimpleForm>
  );
}
