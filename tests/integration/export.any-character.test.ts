import zlib from 'node:zlib';
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

/** Fictional names, one for each script the exports must carry. */
const NAMES = {
  polish: 'Łucja Wójcik-Żółć',
  romanian: 'Ștefan Țărănescu',
  turkish: 'Çağlar Işık Şahin',
  greek: 'Αλέξανδρος Παπαδόπουλος',
  cyrillic: 'Олена Шевченко',
  arabic: 'محمد الحسن',
  bengali: 'রহিম উদ্দিন',
  chinese: '王小明',
} as const;

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

  it('[X2] names in the scripts of UK families come out as written in the PDF: Latin with Polish, Romanian and Turkish letters, Greek, Cyrillic, Arabic, Bengali, Chinese', async () => {
    const server = await startTestServer(store);
    const discussion = await readyDiscussion(server, {
      genogram: (genogram) => {
        for (const name of Object.values(NAMES)) genogram.addPerson({ name, gender: 'unknown' });
      },
      minutes: () => ({
        decisions: Object.values(NAMES).map((name) => ({ text: `Invite ${name} to the meeting` })),
      }),
    });
    await discussion.approve();
    const [minutes] = exportPaths(discussion.meetingId, discussion.familyId, '')('pdf');
    const { text } = await pdfText(await download(server, discussion.consultant, minutes!));
    const flat = text.replace(/\s+/g, ' ');
    // Drawn left to right in reading order: extracted exactly as written.
    for (const script of ['polish', 'romanian', 'turkish', 'greek', 'cyrillic', 'chinese'] as const)
      expect(flat, script).toContain(`Invite ${NAMES[script]} to the meeting`);
    // Arabic is drawn right to left and extracted in drawn order, word by word: each word is
    // there exactly, shaped letters folded back to their letters.
    const words = new Set(
      flat
        .normalize('NFKC')
        .replace(/\p{Cc}/gu, ' ')
        .split(' '),
    );
    for (const word of NAMES.arabic.split(' ')) expect(words, word).toContain(word);
    // Bengali vowel signs that are written before their consonant are drawn, so extracted,
    // before it: each word is there with exactly its letters.
    const letters = (word: string) => [...word].sort().join('');
    const extracted = new Set([...words].map(letters));
    for (const word of NAMES.bengali.split(' ')) expect(extracted, word).toContain(letters(word));
    // No character fell back to a face without it: pdf.js would extract a missing glyph as
    // nothing or U+FFFD.
    expect(flat).not.toContain('\uFFFD');
  }, 120_000);

  it("[X3] PDFs are tagged (structure, language, title, the genogram's alternative text) and every export carries the protective marking OFFICIAL-SENSITIVE", async () => {
    const server = await startTestServer(store);
    const discussion = await readyDiscussion(server, {
      genogram: (genogram) => {
        genogram.addPerson({ name: 'Ama Osei', gender: 'female' });
      },
      minutes: (children) => ({
        decisions: [{ text: 'Hold a family group conference.' }],
        actions: [{ text: 'Book the room', childId: children[0]!.id }],
      }),
    });
    await discussion.approve();
    const paths = exportPaths(
      discussion.meetingId,
      discussion.familyId,
      discussion.children[0]!.id,
    );
    for (const path of paths('pdf')) {
      const body = await download(server, discussion.consultant, path);
      const raw = body.toString('latin1');
      expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
      expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
      expect(raw).toMatch(/\/Marked true/);
      expect(raw).toMatch(/\/Lang \(en-GB\)/);
      expect(raw).toMatch(/\/DisplayDocTitle true/);
      // The title, in the document information and its XMP metadata.
      expect(raw).toMatch(/\/Title \d+ 0 R/);
      expect(raw).toMatch(
        /<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">(Minutes|Case note): /,
      );
      for (const tag of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'LBody', 'Figure'])
        expect(raw, tag).toContain(`/S /${tag}\n`);
      expect(raw).toMatch(/\/Alt \(Genogram of the Osei family as it stood on /);
      // The marking is page furniture, not content: marked as an artifact in the page's stream.
      expect(pageContent(body)).toMatch(/\/Artifact <<[^>]*\/Pagination[^>]*>> BDC/);
      const { pages } = await pdfText(body);
      for (const page of pages) expect(page.match(/OFFICIAL-SENSITIVE/g)).toHaveLength(2);
    }
    for (const path of paths('docx')) {
      const { marking } = await openDocx(await download(server, discussion.consultant, path));
      // The header and the footer of every page.
      expect(marking).toEqual(['OFFICIAL-SENSITIVE', 'OFFICIAL-SENSITIVE']);
    }
    for (const path of paths('txt')) {
      const lines = (await download(server, discussion.consultant, path))
        .toString('utf8')
        .trimEnd()
        .split('\n');
      expect(lines[0]).toBe('OFFICIAL-SENSITIVE');
      expect(lines.at(-1)).toBe('OFFICIAL-SENSITIVE');
    }
  }, 120_000);
});

/** Every compressed stream of a PDF, inflated and joined: what its pages draw. */
function pageContent(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const match of raw.matchAll(/\/FlateDecode[^]*?stream\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('\nendstream', start);
    try {
      out.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // A font or image stream that is not ours to read.
    }
  }
  return out.join('\n');
}
