export const ROLE_CHOICES = ['annotator', 'lead', 'ml_engineer', 'admin'].map((id) => ({ id, name: id }));
