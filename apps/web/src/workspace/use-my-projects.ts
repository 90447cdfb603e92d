import { useEffect, useState } from 'react';
import { fetchMyProjects, type MyProject } from './task-api.js';

/** The annotator's projects with their own remaining counts (the chosen one listed even when dry); null until loaded. */
export function useMyProjects(projectId: string | undefined, refreshKey: unknown): MyProject[] | null {
  const [projects, setProjects] = useState<MyProject[] | null>(null);
  useEffect(() => {
    let current = true;
    fetchMyProjects(projectId).then(
      (list) => current && setProjects(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [projectId, refreshKey]);
  return projects;
}

/** The listed project matching a route's id or slug. */
export function findProject(projects: MyProject[] | null, projectId: string | undefined): MyProject | undefined {
  return projectId
    ? projects?.find((entry) => entry.project.id === projectId || entry.project.slug === projectId)
    : undefined;
}

/** The first other project with work left for the annotator, to offer when the chosen one runs dry. */
export function nextProjectWithWork(
  projects: MyProject[] | null,
  projectId: string | undefined,
): MyProject | undefined {
  const chosen = findProject(projects, projectId);
  return projects?.find((entry) => entry.remaining > 0 && entry !== chosen);
}
