import { Edit, useNotify, useRedirect, useTranslate } from 'react-admin';
import { ProjectForm } from './project-form.js';

/** Edit a project's settings, guidelines (a new version on change) and lock. */
export default function ProjectEdit() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const onSuccess = (project: { id: string; name: string }) => {
    notify('clinrank.projects.saved', { type: 'success', messageArgs: { name: project.name } });
    redirect('show', 'projects', project.id);
  };
  return (
    <Edit mutationMode="pessimistic" title={translate('clinrank.projects.edit_title')} mutationOptions={{ onSuccess }}>
      <ProjectForm creating={false} />
    </Edit>
  );
}
