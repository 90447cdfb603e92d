import { Create, useNotify, useRedirect, useTranslate } from 'react-admin';
import { ProjectForm } from './project-form.js';

/** Create a project, then land on its page to import items. */
export default function ProjectCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const onSuccess = (project: { id: string; name: string }) => {
    notify('clinrank.projects.created', { type: 'success', messageArgs: { name: project.name } });
    redirect('show', 'projects', project.id);
  };
  return (
    <Create
      title={translate('clinrank.projects.create_title')}
      mutationOptions={{ onSuccess }}
      record={{
        kind: 'pairwise',
        overlap: 3,
        adaptive: false,
        adaptiveOverlap: { max: 5, confidence: 0.75, criteria: 'OVERALL' },
        goldRate: 0,
        allowTies: true,
        requireRationale: false,
        scaleMin: 1,
        scaleMax: 5,
        criteria: ['accuracy', 'helpfulness', 'safety'],
        languages: ['en'],
      }}
    >
      <ProjectForm creating />
    </Create>
  );
}
