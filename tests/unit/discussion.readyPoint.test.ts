import {
  changesSinceReady,
  discussionMinutesFragment,
  markReadyPoint,
  userOrigin,
} from '@unitroom/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

const origin = userOrigin('u-coordinator');

function paragraph(doc: Y.Doc, text: string): Y.XmlText {
  const element = new Y.XmlElement('paragraph');
  const words = new Y.XmlText();
  element.insert(0, [words]);
  discussionMinutesFragment(doc).push([element]);
  words.insert(0, text);
  return words;
}

describe('what changed in the minutes since they were marked ready', () => {
  it('[W5] nothing marked ready: nothing to compare with', () => {
    const doc = new Y.Doc();
    paragraph(doc, 'Pat offered Tuesdays.');
    expect(changesSinceReady(doc)).toBeNull();
  });

  it('[W5] words typed after marking ready are listed, words removed are counted, words from before are not shown', () => {
    const doc = new Y.Doc();
    const first = paragraph(doc, 'Pat offered Tuesdays.');
    markReadyPoint(doc, origin);
    expect(changesSinceReady(doc)).toEqual({ added: [], removedCharacters: 0 });

    first.insert(first.length, ' And Thursdays');
    paragraph(doc, 'Dad is not to be told the address.');
    first.delete(0, 4);
    expect(changesSinceReady(doc)).toEqual({
      added: ['And Thursdays', 'Dad is not to be told the address.'],
      removedCharacters: 4,
    });
  });

  it('[W5] the same answer on another replica, from the synced state alone', () => {
    const doc = new Y.Doc();
    const words = paragraph(doc, 'Kept before.');
    markReadyPoint(doc, origin);
    words.insert(words.length, ' Typed after.');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(changesSinceReady(other)).toEqual({ added: ['Typed after.'], removedCharacters: 0 });
  });
});
