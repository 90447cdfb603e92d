import { CacheProvider } from '@emotion/react';
import createCache from '@emotion/cache';
import { useEffect, useMemo, useState } from 'react';
import { Admin, CustomRoutes, Resource, localStorageStore } from 'react-admin';
import { Route } from 'react-router-dom';
import { prefixer } from 'stylis';
import rtlPlugin from 'stylis-plugin-rtl';
import { i18nProvider, RTL_LOCALES } from './i18n/i18n-provider.js';
import { AppLayout } from './layout/app-layout.js';
import { HomeRedirect } from './layout/home-redirect.js';
import {
  AgreementDashboard,
  AuditList,
  DatasetsPage,
  DisagreementList,
  EvaluationsPage,
  ItemReviewPage,
  ItemsPage,
  ProgressPage,
  TrainingNodesPage,
  TrainingRunsPage,
  ProjectCreate,
  ProjectEdit,
  ProjectList,
  ProjectShow,
  UserCreate,
  UserEdit,
  UserList,
} from './lazy-pages.js';
import { authProvider } from './providers/auth-provider.js';
import { dataProvider } from './providers/data-provider.js';
import { themeFor } from './theme.js';
import { WorkspaceRoute } from './workspace/workspace-page.js';

const store = localStorageStore(undefined, 'clinrank');
const ltrCache = createCache({ key: 'css' });
const rtlCache = createCache({ key: 'css-rtl', stylisPlugins: [prefixer, rtlPlugin] });
const LEAD_ROLES = new Set(['lead', 'admin']);

/** Follows the UI language chosen in React-Admin's store, to flip direction and fonts. */
function useLocale(): string {
  const [locale, setLocale] = useState<string>(() => store.getItem('locale', 'en') as string);
  useEffect(() => store.subscribe('locale', (value: string) => setLocale(value ?? 'en')), []);
  return locale;
}

/** The clinrank UI: the annotator workspace, lead pages and (later) ML pages, by role. */
export function App() {
  const locale = useLocale();
  const rtl = RTL_LOCALES.has(locale);
  const theme = useMemo(() => themeFor(locale), [locale]);
  useEffect(() => {
    document.documentElement.dir = rtl ? 'rtl' : 'ltr';
    document.documentElement.lang = locale;
  }, [rtl, locale]);
  return (
    <CacheProvider value={rtl ? rtlCache : ltrCache}>
      <Admin
        title="clinrank"
        store={store}
        authProvider={authProvider}
        dataProvider={dataProvider}
        i18nProvider={i18nProvider}
        layout={AppLayout}
        dashboard={HomeRedirect}
        theme={theme}
        darkTheme={null}
        requireAuth
        disableTelemetry
      >
        {(role: string) => [
          <CustomRoutes key="work">
            <Route path="/work" element={<WorkspaceRoute />} />
            <Route path="/work/:projectId" element={<WorkspaceRoute />} />
            <Route path="/progress" element={<ProgressPage />} />
            <Route path="/progress/:projectId" element={<ProgressPage />} />
            <Route path="/review/:itemId" element={<ItemReviewPage />} />
            <Route path="/projects/:projectId/items" element={<ItemsPage />} />
            <Route path="/agreement" element={<AgreementDashboard />} />
            <Route path="/agreement/:projectId" element={<AgreementDashboard />} />
            <Route path="/datasets" element={<DatasetsPage />} />
            <Route path="/training-runs" element={<TrainingRunsPage />} />
            <Route path="/training-nodes" element={<TrainingNodesPage />} />
            <Route path="/evaluations" element={<EvaluationsPage />} />
          </CustomRoutes>,
          ...(LEAD_ROLES.has(role)
            ? [
                <Resource
                  key="projects"
                  name="projects"
                  list={ProjectList}
                  create={ProjectCreate}
                  edit={ProjectEdit}
                  show={ProjectShow}
                  recordRepresentation="name"
                  options={{ label: 'clinrank.menu.projects' }}
                />,
                <Resource
                  key="users"
                  name="users"
                  list={UserList}
                  create={UserCreate}
                  edit={UserEdit}
                  recordRepresentation="username"
                  options={{ label: 'clinrank.menu.users' }}
                />,
                <Resource
                  key="disagreements"
                  name="disagreements"
                  list={DisagreementList}
                  options={{ label: 'clinrank.menu.disagreements' }}
                />,
                <Resource key="audit" name="audit" list={AuditList} options={{ label: 'clinrank.menu.audit' }} />,
              ]
            : []),
        ]}
      </Admin>
    </CacheProvider>
  );
}
