export const ROLE_CHOICES = ['annotator', 'lead', 'ml_engineer', 'admin'].map((id) => ({ id, name: id }));

/** The roles a user may hand out: only an admin may create an admin (the API refuses it to everyone else). */
export function grantableRoleChoices(role: string | undefined) {
  return role === 'admin' ? ROLE_CHOICES : ROLE_CHOICES.filter((choice) => choice.id !== 'admin');
}
