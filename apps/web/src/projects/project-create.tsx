import { Create } from 'react-admin';
import { ProjectForm } from './project-form.js';

/** Create a project, then land on its page to import items. */
export default function ProjectCreate() {
  return (
    <Create redirect="show" record={{ kind: 'pairwise', overlap: 3, goldRate: 0, allowTies: true, requireRationale: false, scaleMin: 1, scaleMax: 5, criteria: ['accuracy', 'helpfulness', 'safety'], languages: ['en'] }}>
      <ProjectForm creating />
    </Create>
  );
}
