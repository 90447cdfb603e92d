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

/**
 * Pairwise items (m-large against m-small) with an imported vote from dr-a and dr-b each, who prefer m-large on three
 * items in four: enough labels for an export with records in every split, and for training on it.
 */
export function labelledPairwiseItems(prefix: string, count = 12): object[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    language: 'en',
    specialty: 'cardiology',
    prompt: `Question ${i}`,
    responses: [
      { id: 'm-large', text: `Answer L${i}`, model: 'm-large' },
      { id: 'm-small', text: `Answer S${i}`, model: 'm-small' },
    ],
    annotations: ['dr-a', 'dr-b'].map((annotator) => ({
      annotator,
      kind: 'pairwise',
      a: 'm-large',
      b: 'm-small',
      criterion: 'overall',
      choice: i % 4 ? 'a' : 'b',
    })),
  }));
}

/** A pairwise project (criterion accuracy, overlap 2, English) holding labelledPairwiseItems; returns its id. */
export function createLabelledPairwiseProject(
  url: string,
  leadToken: string,
  prefix: string,
  name: string,
): Promise<string> {
  const input = {
    slug: `${prefix}-${Date.now().toString(36)}`,
    name,
    kind: 'pairwise',
    criteria: ['accuracy'],
    overlap: 2,
    languages: ['en'],
  };
  return createProject(url, leadToken, input, labelledPairwiseItems(prefix));
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
