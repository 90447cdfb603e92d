import { graphql } from './api.js';

/** Creates a pairwise project through the API and imports items into it; returns its id. */
export async function createProjectWithItems(
  url: string,
  leadToken: string,
  slug: string,
  items: object[],
  languages: string[],
): Promise<string> {
  return createProject(
    url,
    leadToken,
    { slug, name: `Test ${slug}`, kind: 'pairwise', criteria: ['accuracy', 'safety'], overlap: 1, languages },
    items,
  );
}

/** Creates a project of any kind (`input` is a CreateProjectInput) and imports items into it; returns its id. */
export async function createProject(
  url: string,
  leadToken: string,
  input: Record<string, unknown>,
  items: object[],
): Promise<string> {
  const created = await graphql<{ createProject: { id: string } }>(
    url,
    'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
    { input },
    leadToken,
  );
  const id = created.createProject.id;
  const content = items.map((item) => JSON.stringify(item)).join('\n');
  const report = await graphql<{ importItems: { imported: number; problems: unknown[] } }>(
    url,
    'mutation($input: ImportItemsInput!) { importItems(input: $input) { imported problems { line field reason } } }',
    { input: { projectId: id, content } },
    leadToken,
  );
  if (report.importItems.imported !== items.length)
    throw new Error(`import failed: ${JSON.stringify(report.importItems.problems)}`);
  return id;
}

export const ARABIC_ITEM = {
  id: 'rtl-ar-1',
  language: 'ar',
  specialty: 'pharmacology',
  prompt: 'هل يمكنني تناول الإيبوبروفين مع الوارفارين؟',
  responses: [
    {
      id: 'a',
      text: 'يُفضّل تجنّب **Ibuprofen** مع **Warfarin** لأنه يزيد خطر النزيف. استخدم Paracetamol بجرعة 500 mg بدلًا منه واستشر طبيبك.',
      model: 'm1',
    },
    { id: 'b', text: 'نعم، لا يوجد أي تداخل بينهما.', model: 'm2' },
  ],
};

export const ENGLISH_ITEM = {
  id: 'rtl-en-1',
  language: 'en',
  specialty: 'pharmacology',
  prompt: 'Can I take ibuprofen with warfarin?',
  responses: [
    {
      id: 'a',
      text: 'Avoid it: ibuprofen raises the **bleeding risk** with warfarin. Paracetamol is usually preferred.',
      model: 'm1',
    },
    { id: 'b', text: 'Yes, they do not interact.', model: 'm2' },
  ],
};
