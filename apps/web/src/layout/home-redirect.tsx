import { Navigate } from 'react-router-dom';
import { usePermissions } from 'react-admin';

/** The landing page by role: annotators go to the workspace, leads to projects, ML engineers to datasets. */
export function HomeRedirect() {
  const { permissions: role, isPending } = usePermissions<string>();
  if (isPending) return null;
  if (role === 'annotator') return <Navigate to="/work" replace />;
  if (role === 'ml_engineer') return <Navigate to="/datasets" replace />;
  return <Navigate to="/projects" replace />;
}
