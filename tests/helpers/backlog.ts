import * as Y from 'yjs';
import { minutesFragment } from '@unitroom/shared';
import type { Random } from './hostileInputs.js';

/**
 * What a person writes into a family's minutes on a laptop with no network, as the editor
 * (y-prosemirror) writes it: paragraphs typed a word at a time, now and then a word in bold and a
 * typo put right, and then a long report pasted in as many paragraphs at once. Nothing of it
 * reaches the server until the laptop reconnects; then it all goes in one sync step 2.
 */
export function writeOfflineBacklog(
  doc: Y.Doc,
  familyId: string,
  random: Random,
  options: { typedParagraphs: number; wordsPerParagraph: number; pastedParagraphs: number },
): void {
  const minutes = minutesFragment(doc, familyId);
  const words = ['Tom', 'said', 'school', 'was', 'better', 'this', 'week', 'and', 'Mum', 'agreed'];
  for (let p = 0; p < options.typedParagraphs; p += 1) {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    doc.transact(() => {
      paragraph.insert(0, [text]);
      minutes.insert(minutes.length, [paragraph]);
    });
    for (let w = 0; w < options.wordsPerParagraph; w += 1) {
      const word = `${words[Math.floor(random() * words.length)] ?? 'and'} `;
      doc.transact(() =>
        text.insert(text.length, word, random() < 0.05 ? { bold: {} } : undefined),
      );
      if (random() < 0.04) {
        // A typo put right: a letter removed, then typed again.
        doc.transact(() => text.delete(text.length - 2, 1));
        doc.transact(() => text.insert(text.length - 1, 's'));
      }
    }
  }
  const report = Array.from({ length: options.pastedParagraphs }, (_, i) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [
      new Y.XmlText(
        `${i + 1}. The assessment found that the family had kept to the plan agreed at the last ` +
          `review, that contact with the grandparents continued every other weekend, and that ` +
          `the school reported steady attendance with no further exclusions this term. ` +
          `Further notes from the visit on day ${i + 1} follow in the appendix to this report.`,
      ),
    ]);
    return paragraph;
  });
  doc.transact(() => minutes.insert(minutes.length, report));
}
