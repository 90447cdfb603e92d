import { Edit } from 'react-admin';
import { ProjectForm } from './project-form.js';

/** Edit a project's settings, guidelines (a new version on change) and lock. */
export default function ProjectEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <ProjectForm creating={false} />
    </Edit>
  );
}
