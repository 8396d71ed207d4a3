import { expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DEFAULT_QUESTION_BANK,
  generateQuestions,
  genogramCommands,
  newTemplate,
  readGenogram,
  userOrigin,
  withTemplate,
  withoutTemplate,
} from '@unitroom/shared';
import { seedPinners } from '../helpers/familyDoc.js';

it('[Q4] [Q5] a unit’s own template is proposed with the family’s people; a removed one never is', () => {
  const doc = new Y.Doc();
  const { kelly, mia } = seedPinners(genogramCommands(doc, userOrigin('u')));
  const genogram = readGenogram(doc);
  const hypothesis = { text: 'x', people: [kelly, mia], relationships: [] };

  const made = newTemplate(
    { kind: 'reflexive', addressedTo: 'family', text: 'What does {parent} hope {child} will say?' },
    DEFAULT_QUESTION_BANK,
  );
  if ('error' in made) throw new Error(made.error);
  expect(made.template).toMatchObject({ id: 'unit-1', requires: ['parent', 'child'] });
  const defaults = generateQuestions({ genogram, hypothesis });
  const removed = defaults[0]!.templateId;
  const bank = withTemplate(withoutTemplate([...DEFAULT_QUESTION_BANK], removed), made.template);
  const proposed = generateQuestions({ genogram, hypothesis, bank });
  expect(defaults.map((q) => q.templateId)).not.toContain('unit-1');
  expect(proposed.map((q) => q.templateId)).not.toContain(removed);
  expect(proposed).toContainEqual(
    expect.objectContaining({
      templateId: 'unit-1',
      text: 'What does Kelly hope Mia will say?',
      addressedTo: null,
    }),
  );
  expect(
    newTemplate({ kind: 'circular', addressedTo: 'family', text: 'Ask {auntie}' }, bank),
  ).toEqual({ error: expect.stringMatching(/\{auntie\} is not a placeholder/) });
});
