import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import {
  childSectionJSON,
  discussionMinutesFragment,
  discussionSchema,
  needsTemplate,
  readDiscussion,
  DiscussionRuleError,
  type TransactionOrigin,
} from '@unitroom/shared';
import { blockToYjs, discussionCommands, templateSeedUpdate } from '@unitroom/shared/minutes';
import { minutesSchema } from '@unitroom/shared/editor';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  HARPER_BOARD,
  HARPER_DISCUSSION,
  UNIT_MEMBERS,
  discussionDoc,
  discussionJSON,
} from '../fixtures/discussions.js';

const user: TransactionOrigin = { kind: 'user', userId: 'u-uc' };

describe('discussion reader: one family’s minutes as plain data', () => {
  it('[D5] reads every part of a full discussion written through the schema', () => {
    const discussion = readDiscussion(discussionDoc(HARPER_DISCUSSION));
    expect(() => discussionSchema.parse(discussion)).not.toThrow();

    expect(discussion.sections.map((s) => s.childId ?? s.kind)).toEqual([
      'context',
      'obstacles',
      'hypotheses',
      'child-mia',
      'child-leo',
      'conversations',
      'decisions',
      'actions',
    ]);
    expect(discussion.sections[0]?.text).toContain('two-bedroom council flat');
    expect(discussion.sections[0]?.text.split('\n')).toHaveLength(2);
    expect(discussion.looseText).toBe('');

    const [mia, leo] = discussion.children;
    expect(mia?.childId).toBe('child-mia');
    expect(mia?.notes).toBe('Mia is in Year 8 at Eastfield Academy and is doing well in art.');
    expect(mia?.voice).toEqual({
      text: 'Mia told Priya she misses her dad and worries about her mum when she is at school.',
      seen: 'alone',
    });
    expect(mia?.risk.concern).toBe('medium');
    expect(mia?.risk.see).toMatch(/^Mia has missed eleven days/);
    expect(mia?.risk.worry).toMatch(/adult role/);
    expect(mia?.risk.do).toMatch(/^Priya will meet/);
    expect(mia?.risk.familyView).toMatch(/great help/);
    expect(mia?.risk.lessWorried).toMatch(/every day for a month/);
    expect(leo?.voice.seen).toBe('with-others');
    expect(leo?.risk.concern).toBe('low');
    // The child's section text holds the voice and risk too, for exports that print it whole.
    expect(discussion.sections[3]?.text).toContain('misses her dad');

    expect(discussion.decisions).toEqual([
      {
        text: 'Stay with the child in need plan and review in six weeks.',
        reason: expect.stringMatching(/engaging more/) as string,
        dissent: 'Tom would have preferred a strategy discussion because of the school absence.',
      },
      {
        text: 'Offer a family group conference.',
        reason: expect.stringMatching(/Pat and Jason/) as string,
        dissent: '',
      },
    ]);
    expect(discussion.actions[0]).toEqual({
      text: 'Meet Mia and Kelly to plan school mornings so that Mia gets to school on time every day.',
      owner: 'u-sw',
      due: '2026-11-27',
      childId: 'child-mia',
    });
    expect(discussion.actions[2]).toMatchObject({ owner: 'u-uc', childId: null });

    expect(discussion.hypothesisIds).toEqual([
      HARPER_BOARD.youngestHypothesis,
      HARPER_BOARD.guiltHypothesis,
    ]);
    expect(discussion.conversationIds).toEqual([HARPER_BOARD.grandmotherConversation]);
    // A live link is not text: the hypothesis is drawn from the board, never copied.
    expect(discussion.sections[2]?.text.startsWith(' Being the youngest')).toBe(true);

    expect(discussion.attendance.map((a) => a.name)).toEqual([
      'Amara Okafor',
      'Dr Hannah Lewis',
      'Jo Bennett',
      'Priya Shah',
      'Sue Martins',
      'Tom Reilly',
    ]);
    expect(discussion.attendance.find((a) => a.name === 'Jo Bennett')).toMatchObject({
      role: null,
      description: 'school nurse, Eastfield Academy',
      source: 'added',
    });
    expect(discussion.contributors.map((c) => c.role)).toContain('clinician');
    expect(discussion.timeSpentSeconds).toBe(42 * 60);
  });

  it('[D5] reads an empty document as an empty discussion', () => {
    const discussion = readDiscussion(new Y.Doc());
    expect(discussion).toMatchObject({ sections: [], children: [], decisions: [], actions: [] });
    expect(discussion.timeSpentSeconds).toBe(0);
  });

  it('[D5] reads what does not fit the schema as absent, never throwing', () => {
    const doc = discussionDoc({
      children: [{ childId: 'child-mia', risk: { concern: 'high', see: 'Bruises seen.' } }],
      actions: [{ text: 'Call the GP.', due: '2026-12-01', owner: 'u-sw' }],
    });
    const fragment = discussionMinutesFragment(doc);
    doc.transact(() => {
      for (const node of fragment.toArray()) {
        if (!(node instanceof Y.XmlElement)) continue;
        for (const inner of node.toArray()) {
          if (!(inner instanceof Y.XmlElement)) continue;
          if (inner.nodeName === 'risk') inner.setAttribute('concern', 'extreme');
          if (inner.nodeName === 'action') {
            inner.setAttribute('due', 'next Tuesday');
            inner.setAttribute('childId', '../etc');
          }
        }
      }
      const odd = new Y.XmlElement('section');
      odd.setAttribute('kind', 'gossip');
      const text = new Y.XmlText();
      text.insert(0, 'Loose words.');
      odd.insert(0, [text]);
      fragment.insert(0, [odd]);
    }, user);
    const discussion = readDiscussion(doc);
    expect(discussion.children[0]?.risk).toMatchObject({ concern: null, see: 'Bruises seen.' });
    expect(discussion.actions[0]).toMatchObject({ due: null, childId: null, owner: 'u-sw' });
    expect(discussion.looseText).toBe('Loose words.');
    expect(discussion.sections[0]?.kind).toBe('context');
  });

  it('[D6] two voices or risks for one child read as one: first answer to "seen", highest concern', () => {
    const doc = discussionDoc({
      children: [
        {
          childId: 'child-mia',
          voice: { text: ['Mia said school is boring.'], seen: null },
          risk: { concern: 'low', see: 'Late most mornings.' },
        },
      ],
    });
    const fragment = discussionMinutesFragment(doc);
    const section = fragment.toArray()[3] as Y.XmlElement;
    doc.transact(() => {
      section.insert(section.length, [
        blockToYjs({
          type: 'childVoice',
          attrs: { childId: 'child-mia', seen: 'alone' },
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'Later, alone: she is lonely.' }],
            },
          ],
        }),
        blockToYjs({
          type: 'risk',
          attrs: { childId: 'child-mia', concern: 'high' },
          content: [
            {
              type: 'riskPart',
              attrs: { part: 'see' },
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'Found alone at night.' }] },
              ],
            },
          ],
        }),
      ]);
    }, user);
    const [mia] = readDiscussion(doc).children;
    expect(mia?.voice).toEqual({
      text: 'Mia said school is boring.\nLater, alone: she is lonely.',
      seen: 'alone',
    });
    expect(mia?.risk.concern).toBe('high');
    expect(mia?.risk.see).toBe('Late most mornings.\nFound alone at night.');
  });

  it('[D8] replicas holding the same updates read deep-equal discussions', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    discussionCommands(a, user).seedTemplate(['child-mia']);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    discussionCommands(a, user).recordPresence([UNIT_MEMBERS.consultant]);
    discussionCommands(b, user).recordPresence([UNIT_MEMBERS.clinician, UNIT_MEMBERS.consultant]);
    discussionCommands(a, user).recordTimeSpan('span-a', 0, 60_000);
    discussionCommands(b, user).recordTimeSpan('span-b', 30_000, 120_000);
    discussionCommands(b, user).addChildSection('child-leo');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readDiscussion(a)).toEqual(readDiscussion(b));
    expect(readDiscussion(a).attendance).toHaveLength(2);
  });

  it('[D2] a block built by a command is laid out in Yjs exactly as the editor’s binding lays it out', () => {
    const json = childSectionJSON('child-mia');
    const viaBinding = new Y.Doc();
    prosemirrorJSONToYXmlFragment(
      minutesSchema(),
      { type: 'doc', content: [json] },
      viaBinding.getXmlFragment('x'),
    );
    const viaCommand = new Y.Doc();
    viaCommand.getXmlFragment('x').insert(0, [blockToYjs(json)]);
    expect(viaCommand.getXmlFragment('x').toJSON()).toEqual(
      viaBinding.getXmlFragment('x').toJSON(),
    );
  });

  it('[D2] the schema refuses structure it does not allow (a risk outside a section)', () => {
    expect(() =>
      blockToYjs({
        type: 'decision',
        content: [{ type: 'risk', attrs: { concern: 'low' }, content: [] }],
      }),
    ).toThrow();
    // The fixture's full discussion passes the schema's own check.
    expect(() =>
      minutesSchema().nodeFromJSON(discussionJSON(HARPER_DISCUSSION)).check(),
    ).not.toThrow();
  });
});

describe('discussion commands', () => {
  it('[D9] two processes seeding the same empty discussion at once merge into one template', () => {
    const children = ['child-mia', 'child-leo'];
    const [first, second] = [new Y.Doc(), new Y.Doc()];
    for (const doc of [first, second]) {
      expect(needsTemplate(doc)).toBe(true);
      Y.applyUpdate(doc, templateSeedUpdate(children, 4_041_977));
      expect(needsTemplate(doc)).toBe(false);
    }
    // An edit on the second depends on its template's items, which the first has as well.
    discussionMinutesFragment(second).insert(0, [new Y.XmlText('Written through process two.')]);
    Y.applyUpdate(first, Y.encodeStateAsUpdate(second));
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    expect(readDiscussion(first).sections).toHaveLength(8);
    expect(first.store.pendingStructs).toBeNull();
    expect(discussionMinutesFragment(first).toString()).toBe(
      discussionMinutesFragment(second).toString(),
    );
    expect(discussionMinutesFragment(first).toString()).toContain('Written through process two.');
    // Another client id (as a random one would be) writes a second template: what this prevents.
    const third = new Y.Doc();
    Y.applyUpdate(third, templateSeedUpdate(children, 17));
    Y.applyUpdate(third, Y.encodeStateAsUpdate(first));
    expect(readDiscussion(third).sections).toHaveLength(16);
  });

  it('[D9] seeds the template once, into an empty discussion only', () => {
    const doc = new Y.Doc();
    const commands = discussionCommands(doc, user);
    expect(commands.seedTemplate(['child-mia', 'child-leo'])).toBe(true);
    const seeded = readDiscussion(doc);
    expect(seeded.sections.map((s) => s.childId ?? s.kind)).toEqual([
      'context',
      'obstacles',
      'hypotheses',
      'child-mia',
      'child-leo',
      'conversations',
      'decisions',
      'actions',
    ]);
    expect(seeded.children.map((c) => c.childId)).toEqual(['child-mia', 'child-leo']);
    expect(seeded.children[0]?.risk).toEqual({
      concern: null,
      see: '',
      worry: '',
      do: '',
      familyView: '',
      lessWorried: '',
    });
    expect(commands.seedTemplate(['child-mia'])).toBe(false);
    expect(readDiscussion(doc)).toEqual(seeded);

    // Emptied by hand after seeding: the template is not forced back.
    const fragment = discussionMinutesFragment(doc);
    doc.transact(() => fragment.delete(0, fragment.length), user);
    expect(commands.seedTemplate(['child-mia'])).toBe(false);
    expect(() => commands.seedTemplate(['not an id'])).toThrow(DiscussionRuleError);
  });

  it('[D10] adds a section for a new child after the other children, once', () => {
    const doc = new Y.Doc();
    const commands = discussionCommands(doc, user);
    commands.seedTemplate(['child-mia']);
    expect(commands.addChildSection('child-leo')).toBe(true);
    expect(commands.addChildSection('child-leo')).toBe(false);
    expect(readDiscussion(doc).sections.map((s) => s.childId ?? s.kind)).toEqual([
      'context',
      'obstacles',
      'hypotheses',
      'child-mia',
      'child-leo',
      'conversations',
      'decisions',
      'actions',
    ]);
    const noChildren = new Y.Doc();
    discussionCommands(noChildren, user).seedTemplate([]);
    discussionCommands(noChildren, user).addChildSection('child-zofia');
    expect(readDiscussion(noChildren).sections[3]).toMatchObject({
      kind: 'child',
      childId: 'child-zofia',
    });
  });

  it('[D11] attendance fills from presence and stays editable: someone removed is not put back', () => {
    const doc = new Y.Doc();
    let next = 0;
    const commands = discussionCommands(doc, user, { newId: () => `added-${(next += 1)}` });
    expect(commands.recordPresence([UNIT_MEMBERS.consultant, UNIT_MEMBERS.clinician])).toBe(2);
    expect(commands.recordPresence([UNIT_MEMBERS.consultant])).toBe(0);
    commands.removeAttendee(UNIT_MEMBERS.clinician.id);
    commands.recordPresence([UNIT_MEMBERS.clinician]);
    expect(readDiscussion(doc).attendance.map((a) => a.id)).toEqual([UNIT_MEMBERS.consultant.id]);
    commands.restoreAttendee(UNIT_MEMBERS.clinician.id);
    const id = commands.addAttendee({ name: ' Jo Bennett ', description: 'school nurse' });
    expect(readDiscussion(doc).attendance.map((a) => `${a.name}:${a.source}`)).toEqual([
      'Amara Okafor:presence',
      'Dr Hannah Lewis:presence',
      'Jo Bennett:added',
    ]);
    expect(id).toBe('added-1');
    expect(() => commands.addAttendee({ name: '  ' })).toThrow(DiscussionRuleError);
  });

  it('[D7] time spent is the union of the recorded spans: two laptops timing at once count once', () => {
    const doc = new Y.Doc();
    const commands = discussionCommands(doc, user);
    commands.recordTimeSpan('laptop-a', 0, 10 * 60_000);
    commands.recordTimeSpan('laptop-b', 5 * 60_000, 12 * 60_000);
    commands.recordTimeSpan('later', 30 * 60_000, 31 * 60_000);
    expect(readDiscussion(doc).timeSpentSeconds).toBe(13 * 60);
    // A span's end moves forward as the discussion goes on.
    commands.recordTimeSpan('later', 30 * 60_000, 35 * 60_000);
    expect(readDiscussion(doc).timeSpentSeconds).toBe(17 * 60);
    expect(() => commands.recordTimeSpan('bad', 10, 5)).toThrow(DiscussionRuleError);
  });

  it('[D12] notes each contributor once', () => {
    const doc = new Y.Doc();
    const commands = discussionCommands(doc, user);
    expect(commands.noteContributor(UNIT_MEMBERS.clinician)).toBe(true);
    expect(commands.noteContributor(UNIT_MEMBERS.clinician)).toBe(false);
    expect(readDiscussion(doc).contributors).toEqual([
      { userId: 'u-cl', name: 'Dr Hannah Lewis', role: 'clinician' },
    ]);
  });
});
