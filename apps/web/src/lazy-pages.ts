import { lazy } from 'react';

// Lead and ML pages load on demand so an annotator's first load carries only the workspace.
export const ProjectList = lazy(() => import('./projects/project-list.js'));
export const ProjectCreate = lazy(() => import('./projects/project-create.js'));
export const ProjectEdit = lazy(() => import('./projects/project-edit.js'));
export const ProjectShow = lazy(() => import('./projects/project-show.js'));
export const UserList = lazy(() => import('./users/user-list.js'));
export const UserCreate = lazy(() => import('./users/user-create.js'));
export const UserEdit = lazy(() => import('./users/user-edit.js'));
export const AuditList = lazy(() => import('./audit/audit-list.js'));
export const DisagreementList = lazy(() => import('./disagreements/disagreement-list.js'));
export const ItemsPage = lazy(() => import('./items/items-page.js'));
export const ItemReviewPage = lazy(() => import('./disagreements/item-review-page.js'));
export const ProgressPage = lazy(() => import('./progress/progress-page.js'));
export const AgreementDashboard = lazy(() => import('./agreement/agreement-dashboard-page.js'));
export const DatasetsPage = lazy(() => import('./datasets/datasets-page.js'));
export const TrainingRunsPage = lazy(() => import('./training/runs-page.js'));
export const TrainingNodesPage = lazy(() => import('./training/nodes-page.js'));
export const EvaluationsPage = lazy(() => import('./evaluation/evaluations-page.js'));
