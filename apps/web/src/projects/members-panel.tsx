import {
  Alert,
  Chip,
  FormControlLabel,
  MenuItem,
  Paper,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { graphql } from '../gql/index.js';
import type { MembershipFieldsFragment } from '../gql/graphql.js';
import { gqlMutate, gqlQuery } from '../providers/graphql-client.js';

graphql(`
  fragment MembershipFields on ProjectMembership {
    membersOnly
    members {
      userId
      username
      displayName
      languages
      status
      quota
      submitted
      matchesRouting
      receivesTasks
    }
  }
`);
const MEMBERS = graphql(`
  query ProjectMembers($projectId: ID!) {
    projectMembers(projectId: $projectId) {
      ...MembershipFields
    }
  }
`);
const SET_MEMBER = graphql(`
  mutation SetProjectMember($input: SetProjectMemberInput!) {
    setProjectMember(input: $input) {
      ...MembershipFields
    }
  }
`);
const SET_MEMBERS_ONLY = graphql(`
  mutation SetMembersOnly($input: SetMembersOnlyInput!) {
    setMembersOnly(input: $input) {
      ...MembershipFields
    }
  }
`);

type Membership = MembershipFieldsFragment;
type Member = Membership['members'][number];

const t = (name: string) => `clinrank.members.${name}`;

/** Who labels this project: add or remove clinicians (default: everyone routing matches) and cap each one's tasks. */
export function MembersPanel({ projectId }: { projectId: string }) {
  const translate = useTranslate();
  const [membership, setMembership] = useState<Membership | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    gqlQuery(MEMBERS, { projectId }).then(
      (data) => setMembership(data.projectMembers),
      (caught: Error) => setError(caught.message),
    );
  }, [projectId]);
  useEffect(load, [load]);

  const change = async (member: Member, status: Member['status'], quota: number | null) => {
    try {
      setMembership(
        (await gqlMutate(SET_MEMBER, { input: { projectId, userId: member.userId, status, quota } })).setProjectMember,
      );
      setError(null);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  const membersOnly = async (value: boolean) => {
    try {
      setMembership((await gqlMutate(SET_MEMBERS_ONLY, { input: { projectId, membersOnly: value } })).setMembersOnly);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };

  if (!membership) return error ? <Alert severity="error">{error}</Alert> : null;
  return (
    <Paper variant="outlined" sx={{ p: 2, width: '100%' }} data-testid="members-panel">
      <Typography variant="h6" component="h2">
        {translate(t('title'))}
      </Typography>
      <FormControlLabel
        control={
          <Switch checked={membership.membersOnly} onChange={(event) => void membersOnly(event.target.checked)} />
        }
        label={translate(t(membership.membersOnly ? 'members_only' : 'everyone_routed'))}
      />
      {error && <Alert severity="error">{error}</Alert>}
      <Table size="small">
        <TableHead>
          <TableRow>
            {['clinician', 'routing', 'membership', 'quota', 'submitted', 'receives'].map((key) => (
              <TableCell key={key}>{translate(t(key))}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {membership.members.map((member) => (
            <TableRow key={member.userId} data-member={member.username}>
              <TableCell>
                {member.displayName}{' '}
                <Typography component="span" variant="caption" color="text.secondary">
                  {member.username}
                </Typography>
              </TableCell>
              <TableCell>
                {translate(t(member.matchesRouting ? 'matches' : 'no_match'))}{' '}
                <Typography component="span" variant="caption" color="text.secondary">
                  {member.languages.join(', ')}
                </Typography>
              </TableCell>
              <TableCell>
                <TextField
                  fullWidth={false}
                  select
                  size="small"
                  value={member.status ?? 'default'}
                  onChange={(event) =>
                    void change(
                      member,
                      event.target.value === 'default' ? null : (event.target.value as 'member' | 'removed'),
                      member.quota,
                    )
                  }
                  slotProps={{ htmlInput: { 'aria-label': `${translate(t('membership'))} ${member.username}` } }}
                >
                  {['default', 'member', 'removed'].map((status) => (
                    <MenuItem key={status} value={status}>
                      {translate(`${t('statuses')}.${status}`)}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
              <TableCell>
                <TextField
                  fullWidth={false}
                  size="small"
                  type="number"
                  defaultValue={member.quota ?? ''}
                  placeholder={translate(t('no_quota'))}
                  sx={{ width: 110 }}
                  slotProps={{ htmlInput: { min: 0, 'aria-label': `${translate(t('quota'))} ${member.username}` } }}
                  onBlur={(event) => {
                    const quota = event.target.value === '' ? null : Number(event.target.value);
                    if (quota !== member.quota) void change(member, member.status, quota);
                  }}
                />
              </TableCell>
              <TableCell>{member.submitted}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  color={member.receivesTasks ? 'success' : 'default'}
                  label={translate(t(member.receivesTasks ? 'yes' : 'no'))}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
