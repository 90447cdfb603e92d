import AssignmentIcon from '@mui/icons-material/Assignment';
import BarChartIcon from '@mui/icons-material/BarChart';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import DatasetIcon from '@mui/icons-material/Dataset';
import EditNoteIcon from '@mui/icons-material/EditNote';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import HistoryIcon from '@mui/icons-material/History';
import InsightsIcon from '@mui/icons-material/Insights';
import MemoryIcon from '@mui/icons-material/Memory';
import ModelTrainingIcon from '@mui/icons-material/ModelTraining';
import PeopleIcon from '@mui/icons-material/People';
import { Menu, usePermissions, useTranslate } from 'react-admin';

const LEAD = new Set(['lead', 'admin']);
const ML = new Set(['ml_engineer', 'admin', 'lead']);

/** The menu by role: annotators see only the workspace; leads the project pages; ML engineers the model pages. */
export function AppMenu() {
  const { permissions } = usePermissions<string>();
  const role = permissions ?? '';
  const translate = useTranslate();
  return (
    <Menu>
      {role === 'annotator' && (
        <Menu.Item to="/work" primaryText={translate('clinrank.menu.work')} leftIcon={<EditNoteIcon />} />
      )}
      {LEAD.has(role) && (
        <Menu.Item to="/projects" primaryText={translate('clinrank.menu.projects')} leftIcon={<AssignmentIcon />} />
      )}
      {LEAD.has(role) && (
        <Menu.Item to="/users" primaryText={translate('clinrank.menu.users')} leftIcon={<PeopleIcon />} />
      )}
      {LEAD.has(role) && (
        <Menu.Item to="/progress" primaryText={translate('clinrank.menu.progress')} leftIcon={<BarChartIcon />} />
      )}
      {LEAD.has(role) && (
        <Menu.Item
          to="/disagreements"
          primaryText={translate('clinrank.menu.disagreements')}
          leftIcon={<CompareArrowsIcon />}
        />
      )}
      {LEAD.has(role) && (
        <Menu.Item to="/agreement" primaryText={translate('clinrank.menu.agreement')} leftIcon={<InsightsIcon />} />
      )}
      {LEAD.has(role) && (
        <Menu.Item to="/audit" primaryText={translate('clinrank.menu.audit')} leftIcon={<HistoryIcon />} />
      )}
      {ML.has(role) && (
        <Menu.Item to="/datasets" primaryText={translate('clinrank.menu.datasets')} leftIcon={<DatasetIcon />} />
      )}
      {ML.has(role) && (
        <Menu.Item
          to="/training-runs"
          primaryText={translate('clinrank.menu.trainingRuns')}
          leftIcon={<ModelTrainingIcon />}
        />
      )}
      {ML.has(role) && (
        <Menu.Item
          to="/training-nodes"
          primaryText={translate('clinrank.menu.trainingNodes')}
          leftIcon={<MemoryIcon />}
        />
      )}
      {ML.has(role) && (
        <Menu.Item
          to="/evaluations"
          primaryText={translate('clinrank.menu.evaluations')}
          leftIcon={<FactCheckIcon />}
        />
      )}
    </Menu>
  );
}
