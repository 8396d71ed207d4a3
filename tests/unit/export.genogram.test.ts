import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderGenogramImage } from '@unitroom/server';
import { genogramCommands, readGenogram, userOrigin } from '@unitroom/shared';

const LONG_NAME = 'Oluwaseun Adeyemi-Bankole Okonkwo-Harper';

/** A mother with a long name, divorced from her first husband, in a named household. */
function family() {
  const doc = new Y.Doc();
  const commands = genogramCommands(doc, userOrigin('sw'));
  const mum = commands.addPerson({ name: LONG_NAME, gender: 'female', birthDate: '1990' });
  const { partner: dad, union } = commands.addPartner(mum, {
    partner: { name: 'Jason Harper', gender: 'male' },
    kind: 'marriage',
    startDate: '2010',
  });
  commands.addUnionEvent(union, 'divorced', '2019');
  const { person: child } = commands.addChild(
    { union },
    { person: { name: 'Mia', gender: 'female' } },
  );
  commands.addHousehold({ label: 'Eastfield flat', members: [mum, child] });
  void dad;
  return readGenogram(doc);
}

describe('the genogram in the exported record (DOCX and PDF draw the same marks)', () => {
  it('[X4] carries its key, the household’s name, the union’s dates and every name whole', async () => {
    const image = await renderGenogramImage(family(), { title: 'Harper family', year: 2026 });
    expect(image).not.toBeNull();
    const texts = image!.drawing.marks.flatMap((mark) => (mark.kind === 'text' ? [mark] : []));
    const words = texts.map((mark) => mark.text);
    // Names are wrapped, never cut: the lines under the symbol read as the whole name.
    expect(words.some((text) => text.includes('…'))).toBe(false);
    const nameLines = texts.filter((mark) => LONG_NAME.includes(mark.text) && mark.text !== '');
    expect(nameLines.length).toBeGreaterThan(1);
    expect(nameLines.map((mark) => mark.text).join(' ')).toBe(LONG_NAME);
    expect(words).toContain('Eastfield flat');
    expect(words).toContain('m. 2010, div. 2019');
    // The key lists the symbols in use, and only those.
    expect(words).toContain('Key');
    for (const label of ['Male', 'Female', 'Married', 'Divorced', 'Lives together now (household)'])
      expect(words).toContain(label);
    expect(words).not.toContain('Fostered');
    // Everything drawn lies inside the picture's box: the key is not cut off at the edge.
    const { box } = image!.drawing;
    for (const mark of texts) {
      expect(mark.x).toBeGreaterThanOrEqual(box.x);
      expect(mark.x).toBeLessThanOrEqual(box.x + box.width);
      expect(mark.y).toBeLessThanOrEqual(box.y + box.height);
    }
  });
});
