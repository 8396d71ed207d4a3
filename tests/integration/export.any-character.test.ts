import { expect, it } from 'vitest';
import {
  download,
  exportPaths,
  openDocx,
  pdfText,
  readyDiscussion,
} from '../helpers/finalisedRecord.js';
import { describeEachStore } from '../helpers/postgres.js';
import { startTestServer } from '../helpers/testServer.js';

/**
 * The eight kinds of character XML 1.0 forbids that a person can put into a name by typing or
 * pasting (Word pastes U+000B for a line break and U+000C for a page break), with the bidi
 * override that makes a name read backwards. (A lone surrogate cannot reach the server: Yjs
 * carries text as UTF-8, which turns it into U+FFFD on the way.)
 */
const XML_INVALID = [
  '\u0001',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u000E',
  '\u001F',
  '\uFFFE',
  '\uFFFF',
] as const;
const OTHER_UNSAFE = ['\u202E'] as const;

describeEachStore('exports of any character a person can type or paste', (store) => {
  it('[X1] a finalised record holding every XML-invalid character exports as DOCX, PDF and text, each of which opens', async () => {
    const server = await startTestServer(store);
    const names = [...XML_INVALID, ...OTHER_UNSAFE].map((bad, index) => `Person${index}${bad}Name`);
    const discussion = await readyDiscussion(server, {
      genogram: (genogram) => {
        for (const name of names) genogram.addPerson({ name, gender: 'female' });
      },
      minutes: (children) => ({
        context: [`Pasted from Word:${XML_INVALID.join('')} the end.`],
        decisions: [{ text: `Talk with ${names.join(', ')}.`, dissent: `No\u000Bone.` }],
        children: children.map((child) => ({
          childId: child.id,
          voice: { text: [`Said\u000C hello${'\u0001'}.`], seen: 'alone' },
          risk: { concern: 'low', see: `Seen\u000B twice.` },
        })),
      }),
    });
    await discussion.approve();
    const paths = exportPaths(
      discussion.meetingId,
      discussion.familyId,
      discussion.children[0]!.id,
    );
    const clean = names.map((_, index) => `Person${index}Name`);

    for (const path of paths('docx')) {
      const { document } = await openDocx(await download(server, discussion.consultant, path));
      for (const name of clean) expect(document).toContain(name);
      expect(document).toContain('Noone.');
      expect(document).toContain('Said hello.');
      if (!path.includes('case-notes')) expect(document).toContain('Pasted from Word: the end.');
    }
    for (const path of paths('pdf')) {
      const body = await download(server, discussion.consultant, path);
      expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { text } = await pdfText(body);
      const flat = text.replace(/\s+/g, ' ');
      // The genogram's labels and the decision name everyone, cleaned.
      for (const name of clean) expect(flat).toContain(name);
      expect(flat).toContain('Seen twice.');
    }
    for (const path of paths('txt')) {
      const text = (await download(server, discussion.consultant, path)).toString('utf8');
      for (const bad of [...XML_INVALID, ...OTHER_UNSAFE]) expect(text).not.toContain(bad);
      expect(text).not.toMatch(/[\uD800-\uDFFF]/);
      expect(text).toContain('Said hello.');
      for (const name of clean) expect(text).toContain(name);
    }

    // Cleaned at input too: the stored record itself holds none of them.
    const version = await server.app.persistence.db
      .selectFrom('discussion_versions')
      .select('content')
      .executeTakeFirstOrThrow();
    const record = JSON.parse(version.content) as { genogram: { people: Array<{ name: string }> } };
    expect(record.genogram.people.map((person) => person.name).sort()).toEqual([...clean].sort());
    expect(version.content).not.toMatch(/\\u000[18bce]|\\u001f|\uFFFE|\uFFFF|\u202E/i);
  }, 120_000);
});
