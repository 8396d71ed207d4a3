import * as Y from 'yjs';
import {
  SEED_ORIGIN,
  boardCommands,
  genogramCommands,
  migrateDocument,
  readGenogram,
  type BoardCommands,
  type GenogramCommands,
  type MeetingId,
} from '@unitroom/shared';

/**
 * The demo unit's three families: the children each is opened with and, for the full demo,
 * the genogram and hypotheses board of each, written through the shared model's named commands as
 * a worker at the canvas would. Everyone and everything here is invented; the shapes differ on
 * purpose (docs/domain.md, "Genograms" and "Hypotheses and questions"): the Oseis have three generations, a separation and Mum's new
 * partner, a grandfather who has died, and a conversation planned in today's meeting with a
 * question the clinician has suggested; Kelly Harper is the youngest of five, her children's
 * father lives with his new partner, and the conversation planned since the last meeting waits
 * for its review; Zofia Kowalski-Reid lives with her grandmother, who holds parental
 * responsibility, her mother is abroad, and one hypothesis has been set aside.
 *
 * Checked against the drawn genograms: every ecomap tie here reaches its person from the side or
 * from above, since the layout runs a tie that comes from below through the person's name.
 */
export interface DemoFamily {
  name: string;
  /** The children the family is opened with, as the genogram below draws them. */
  children: ReadonlyArray<{ name: string; birthDate: string }>;
  write(commands: DemoCommands, context: DemoContext): void;
}

export interface DemoCommands {
  genogram: GenogramCommands;
  board: BoardCommands;
}

export interface DemoContext {
  /** The members' names, as the board records its authors and workers. */
  names: { csw: string; sw: string; cp: string; clinician: string };
  /** Today's meeting, where the conversations planned today are planned. */
  meetingId: MeetingId;
  /** The local calendar day `days` from today, `YYYY-MM-DD`. */
  day(days: number): string;
}

/**
 * The rest of the family document `family:<id>` of `family`, written over `opened` (what opening
 * the family stored: its children on the genogram), as one update at this build's schema.
 */
export function demoFamilyUpdate(
  family: DemoFamily,
  context: DemoContext,
  opened: readonly Uint8Array[] = [],
): Uint8Array {
  const doc = new Y.Doc();
  for (const entry of opened) Y.applyUpdate(doc, entry);
  const before = Y.encodeStateVector(doc);
  family.write(
    {
      genogram: withOpenedChildren(doc, genogramCommands(doc, SEED_ORIGIN)),
      board: boardCommands(doc, SEED_ORIGIN),
    },
    context,
  );
  // What the server would do on first load, done here so the stored document needs no migration.
  migrateDocument(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/**
 * The genogram's commands, except that adding a child the family was opened with hangs the
 * child already on the genogram below their parents and fills in the rest of what is known,
 * as a worker would, instead of drawing them twice.
 */
function withOpenedChildren(doc: Y.Doc, genogram: GenogramCommands): GenogramCommands {
  return {
    ...genogram,
    addChild(to, input = {}) {
      const wanted = input.person;
      const opened = wanted?.name
        ? readGenogram(doc).people.find(
            (person) => person.childOfConcern && person.name === wanted.name,
          )
        : undefined;
      if (!opened || !wanted) return genogram.addChild(to, input);
      const link = genogram.linkChild(opened.id, to, input.kind ? { kind: input.kind } : {});
      genogram.updatePerson(opened.id, wanted);
      return { person: opened.id, link };
    },
  };
}

const harper: DemoFamily = {
  name: 'Harper family',
  children: [
    { name: 'Mia Harper', birthDate: '2014-05' },
    { name: 'Leo Harper', birthDate: '2019-10' },
  ],
  write({ genogram: g, board: b }, { names, day }) {
    const gary = g.addPerson({ name: 'Gary Harper', gender: 'male', birthDate: '1964' });
    const pat = g.addPerson({
      name: 'Pat Harper',
      gender: 'female',
      birthDate: '1968',
      notes: 'Maternal grandmother; the family’s main support. Lives in Eastfield.',
    });
    const grandparents = g.addUnion({
      partnerA: gary,
      partnerB: pat,
      kind: 'marriage',
      startDate: '1986',
      events: [
        { status: 'separated', date: '2001' },
        { status: 'divorced', date: '2003' },
      ],
    });
    const child = (name: string, gender: 'male' | 'female', birthDate: string) =>
      g.addChild({ union: grandparents }, { person: { name, gender, birthDate } }).person;
    child('Donna Harper', 'female', '1987');
    child('Lisa Harper', 'female', '1989');
    child('Craig Harper', 'male', '1991');
    child('Shaun Harper', 'male', '1993');
    const kelly = g.addChild(
      { union: grandparents },
      {
        person: {
          name: 'Kelly Harper',
          gender: 'female',
          birthDate: '1995-03',
          notes:
            'Youngest of five. Moved with the children from Pat’s flat in September; the repairs to the new flat are still not done.',
          attributes: { religion: 'Church of England (not practising)' },
        },
      },
    ).person;
    const jason = g.addPerson({
      name: 'Jason Cole',
      gender: 'male',
      birthDate: '1992',
      notes: 'Lives with Chantelle in Northgate; Mia and Leo stay every other weekend.',
    });
    const chantelle = g.addPerson({ name: 'Chantelle Price', gender: 'female', birthDate: '1996' });
    const parents = g.addUnion({
      partnerA: jason,
      partnerB: kelly,
      kind: 'cohabitation',
      startDate: '2013',
      events: [{ status: 'separated', date: '2021' }],
    });
    g.addUnion({ partnerA: jason, partnerB: chantelle, kind: 'cohabitation', startDate: '2023' });
    const mia = g.addChild(
      { union: parents },
      {
        person: {
          name: 'Mia Harper',
          gender: 'female',
          birthDate: '2014-05',
          childOfConcern: true,
          notes: 'Year 8 at Eastfield Academy; doing well in art.',
        },
      },
    ).person;
    const leo = g.addChild(
      { union: parents },
      {
        person: {
          name: 'Leo Harper',
          gender: 'male',
          birthDate: '2019-10',
          childOfConcern: true,
          notes: 'Year 2 at Greenway Primary; settled, good attendance.',
          attributes: { health: 'Asthma (inhaler at school and at both homes).' },
        },
      },
    ).person;

    const handovers = g.addRelationship({
      a: kelly,
      b: jason,
      kind: 'conflictual',
      note: 'Arguments on the phone before handovers; contact breaks down after them.',
      heldBy: 'the unit',
    });
    g.addRelationship({
      a: kelly,
      b: pat,
      kind: 'fused',
      note: 'Kelly rings Pat several times a day and Pat speaks for her on visits.',
      heldBy: 'the unit',
    });
    g.addHousehold({
      label: 'Mum’s flat, Eastfield',
      members: [kelly, mia, leo],
      since: '2026-09',
    });
    g.addEcomapEntry({
      label: 'Eastfield Academy',
      kind: 'school',
      tie: 'tenuous',
      connectedTo: [mia],
      note: 'Eleven days missed this term; the head of year is the contact.',
    });
    g.addEcomapEntry({
      label: 'Northgate Surgery',
      kind: 'gp',
      tie: 'strong',
      support: 'to_family',
      connectedTo: [kelly],
      note: 'Kelly, Mia and Leo are registered here; Leo’s asthma reviews.',
    });

    const youngest = b.addHypothesis({
      text: 'Being the youngest of five makes it hard for Kelly to be the adult with Pat close by.',
      offeredBy: names.csw,
      offeredRole: 'consultant_social_worker',
      aboutPeople: [kelly, pat],
    });
    b.addEvidence(
      youngest,
      'for',
      'Pat answers the door and speaks for Kelly on most visits.',
      names.sw,
    );
    b.addEvidence(
      youngest,
      'against',
      'Kelly found the new flat and arranged the move herself.',
      names.cp,
    );
    const guilt = b.addHypothesis({
      text: 'Kelly feels guilty about the move and reads our visits as blame.',
      offeredBy: names.sw,
      offeredRole: 'social_worker',
      aboutPeople: [kelly],
      aboutRelationships: [handovers],
    });
    b.addEvidence(
      guilt,
      'for',
      'Both cancelled visits were the day after a meeting at school about Mia.',
      names.sw,
    );
    b.addEvidence(
      guilt,
      'against',
      'Kelly has kept every visit at the new flat and shows us round.',
      names.cp,
    );
    const mornings = b.addHypothesis({
      text: 'Mia gets Leo ready in the mornings because she worries about Mum, not because Kelly asks her to.',
      offeredBy: names.cp,
      offeredRole: 'child_practitioner',
      aboutPeople: [mia, leo, kelly],
    });
    b.addEvidence(
      mornings,
      'for',
      'Mia told Priya she worries about her mum when she is at school.',
      names.cp,
    );
    b.addEvidence(
      mornings,
      'against',
      'Kelly says she leaves for an early cleaning shift two mornings a week.',
      names.sw,
    );
    // Planned between meetings, so today's meeting asks whether it happened ([B19]).
    const atPats = b.addConversation(youngest, {
      workers: [names.sw, names.clinician],
      familyMembers: [kelly, pat],
      where: 'At Pat’s flat',
      by: day(-3),
      purpose: 'Kelly feels more in charge of mornings at home.',
      ifYes:
        'If Kelly says she wants to do mornings herself, plan with her what Pat could do instead.',
      ifNo: 'If Kelly says things are fine as they are, ask Pat what she would notice if they changed.',
    });
    b.addQuestion(atPats, {
      text: 'What would Pat notice first if Kelly felt more in charge at home?',
      kind: 'circular',
      addressedTo: kelly,
      suggestedBy: names.clinician,
    });
    b.addQuestion(atPats, {
      text: 'What is different about mornings at the new flat from mornings at your flat, Pat?',
      kind: 'difference',
      addressedTo: pat,
      suggestedBy: names.sw,
    });
    b.addNote(
      'script',
      '“Harper women always go home to their mum” (Pat, about her own mother too).',
      names.clinician,
    );
  },
};

const kowalskiReid: DemoFamily = {
  name: 'Kowalski-Reid family',
  children: [{ name: 'Zofia Kowalski-Reid', birthDate: '2010-11' }],
  write({ genogram: g, board: b }, { names, meetingId, day }) {
    const halina = g.addPerson({
      name: 'Halina Kowalska',
      gender: 'female',
      birthDate: '1958',
      notes: 'Maternal grandmother; lives in Gdańsk.',
      attributes: { language: 'Polish' },
    });
    const marta = g.addChild(
      { parent: halina },
      {
        person: {
          name: 'Marta Kowalska',
          gender: 'female',
          birthDate: '1983',
          notes: 'Went back to Gdańsk in 2023; video calls with Zofia.',
          attributes: { culture: 'Polish', religion: 'Catholic', language: 'Polish, English' },
        },
      },
    ).person;
    const brian = g.addPerson({ name: 'Brian Reid', gender: 'male', birthDate: '1953' });
    const irene = g.addPerson({
      name: 'Irene Reid',
      gender: 'female',
      birthDate: '1956',
      notes: 'Paternal grandmother; Zofia has lived with her since 2023.',
    });
    const reids = g.addUnion({
      partnerA: brian,
      partnerB: irene,
      kind: 'marriage',
      startDate: '1978',
      events: [{ status: 'divorced', date: '1999' }],
    });
    const callum = g.addChild(
      { union: reids },
      {
        person: {
          name: 'Callum Reid',
          gender: 'male',
          birthDate: '1981',
          notes: 'Irene says he only comes round when he needs money.',
          attributes: { substanceMisuse: 'Alcohol; says he has cut down since the spring.' },
        },
      },
    ).person;
    const parents = g.addUnion({
      partnerA: callum,
      partnerB: marta,
      kind: 'marriage',
      startDate: '2008-06',
      events: [
        { status: 'separated', date: '2018' },
        { status: 'divorced', date: '2020' },
      ],
    });
    const zofia = g.addChild(
      { union: parents },
      {
        person: {
          name: 'Zofia Kowalski-Reid',
          gender: 'female',
          birthDate: '2010-11',
          childOfConcern: true,
          notes:
            'Year 11; GCSEs in the summer. Spends her evenings with older friends from the skate park.',
          attributes: { language: 'English, some Polish' },
        },
      },
    ).person;

    const withMum = g.addRelationship({
      a: zofia,
      b: marta,
      kind: 'cut_off_repaired',
      note: 'Zofia stopped the video calls in 2024 and started them again in the summer.',
      heldBy: 'the unit',
    });
    g.addHousehold({ label: 'Nan’s house, Northgate', members: [irene, zofia], since: '2023' });
    g.setParentalResponsibility(irene, zofia, 'Child arrangements order (2024)');
    g.addEcomapEntry({
      label: 'Hollins Park School',
      kind: 'school',
      tie: 'strong',
      support: 'to_family',
      connectedTo: [zofia],
      note: 'Her form tutor sees a real change since the summer.',
    });
    g.addEcomapEntry({
      label: 'CAMHS',
      kind: 'professional',
      tie: 'tenuous',
      connectedTo: [zofia],
      note: 'On the waiting list since June.',
    });
    g.addEcomapEntry({
      label: 'Family in Gdańsk',
      kind: 'extended_family',
      tie: 'strong',
      support: 'to_family',
      connectedTo: [halina],
      note: 'Halina and Marta’s cousins; Zofia spent last summer there.',
    });

    const loyalty = b.addHypothesis({
      text: 'Staying out is Zofia’s loyalty to her mum: being close to Nan feels like taking sides.',
      offeredBy: names.sw,
      offeredRole: 'social_worker',
      aboutPeople: [zofia, marta, irene],
      aboutRelationships: [withMum],
    });
    b.addEvidence(
      loyalty,
      'for',
      'The late nights began the week Zofia started the video calls with Marta again.',
      names.sw,
    );
    b.addEvidence(
      loyalty,
      'against',
      'Zofia tells school she wants to stay with Nan until she finishes sixth form.',
      names.cp,
    );
    const testing = b.addHypothesis({
      text: 'Zofia is testing whether Nan will keep her, when both her parents left.',
      offeredBy: names.cp,
      offeredRole: 'child_practitioner',
      aboutPeople: [zofia, irene, callum, marta],
    });
    b.setHypothesisStatus(
      testing,
      'exploring',
      'Irene’s account of the rows fits it; we want Zofia’s own view.',
    );
    b.addEvidence(
      testing,
      'for',
      'After each row Zofia asks Irene whether she is “sending her back”.',
      names.cp,
    );
    b.addEvidence(
      testing,
      'against',
      'It was Zofia who asked to live with Nan when Marta left.',
      names.sw,
    );
    const age = b.addHypothesis({
      text: 'This is what many sixteen-year-olds do, and Irene’s worry is about her own age and health.',
      offeredBy: names.csw,
      offeredRole: 'consultant_social_worker',
      aboutPeople: [zofia, irene],
    });
    b.addEvidence(
      age,
      'for',
      'Irene had a fall in the spring and says she is “not as quick as she was”.',
      names.sw,
    );
    b.addEvidence(
      age,
      'against',
      'Zofia was missing overnight twice in October, not just home late.',
      names.cp,
    );
    b.setHypothesisStatus(
      age,
      'set_aside',
      'Irene is well (GP letter), and being missing overnight is more than a teenager home late.',
    );
    const atSchool = b.addConversation(testing, {
      workers: [names.cp],
      familyMembers: [zofia],
      where: 'At school, in a free period',
      by: day(7),
      purpose: 'Zofia can say what would make living with Nan feel safe and for good.',
      ifYes: 'If Zofia says she fears being sent away, plan a meeting with Irene about the order.',
      ifNo: 'If she says it is about her friends, ask who at home she would tell if she was in trouble.',
      plannedInMeeting: meetingId,
    });
    b.addQuestion(atSchool, {
      text: 'Who in your family would be least surprised that you stay out late? Who would be most surprised?',
      kind: 'difference',
      addressedTo: zofia,
      suggestedBy: names.cp,
    });
    b.addQuestion(atSchool, {
      text: 'If your mum were sitting here with us, what would she say about you living with Nan?',
      kind: 'hypothetical',
      addressedTo: zofia,
      suggestedBy: names.clinician,
    });
    b.addNote(
      'dilemma',
      'Irene wants the police called every time Zofia is late; Zofia says that would make her leave.',
      names.sw,
    );
  },
};

const osei: DemoFamily = {
  name: 'Osei family',
  children: [
    { name: 'Kwame Osei', birthDate: '2012-04' },
    { name: 'Abena Osei', birthDate: '2016-01' },
    { name: 'Baby Osei', birthDate: '2026-09' },
  ],
  write({ genogram: g, board: b }, { names, meetingId, day }) {
    const ghanaian = { culture: 'Ghanaian', religion: 'Methodist', language: 'Twi, English' };
    const kofi = g.addPerson({
      name: 'Kofi Osei',
      gender: 'male',
      birthDate: '1950',
      deceased: true,
      deathDate: '2023-02',
      attributes: ghanaian,
    });
    const akosua = g.addPerson({
      name: 'Akosua Osei',
      gender: 'female',
      birthDate: '1954',
      notes: 'Nana; ten minutes’ walk away. Kwame goes to her after school most days.',
      attributes: ghanaian,
    });
    const grandparents = g.addUnion({
      partnerA: kofi,
      partnerB: akosua,
      kind: 'marriage',
      startDate: '1979',
    });
    g.addChild(
      { union: grandparents },
      { person: { name: 'Yaw Osei', gender: 'male', birthDate: '1991' } },
    );
    const ama = g.addChild(
      { union: grandparents },
      {
        person: {
          name: 'Ama Osei',
          gender: 'female',
          birthDate: '1988-07',
          attributes: {
            mentalHealth: 'Low mood since the baby was born; seeing the GP.',
            culture: 'Ghanaian British',
            language: 'English, Twi',
          },
        },
      },
    ).person;
    const daniel = g.addPerson({ name: 'Daniel Mensah', gender: 'male', birthDate: '1986' });
    const ryan = g.addPerson({ name: 'Ryan Fletcher', gender: 'male', birthDate: '1990' });
    const first = g.addUnion({
      partnerA: daniel,
      partnerB: ama,
      kind: 'cohabitation',
      startDate: '2011',
      events: [{ status: 'separated', date: '2021' }],
    });
    const now = g.addUnion({
      partnerA: ryan,
      partnerB: ama,
      kind: 'cohabitation',
      startDate: '2024',
    });
    const kwame = g.addChild(
      { union: first },
      {
        person: {
          name: 'Kwame Osei',
          gender: 'male',
          birthDate: '2012-04',
          childOfConcern: true,
          notes: 'Year 10 at Northgate Academy. Plays for the borough under-15s.',
        },
      },
    ).person;
    const abena = g.addChild(
      { union: first },
      {
        person: {
          name: 'Abena Osei',
          gender: 'female',
          birthDate: '2016-01',
          childOfConcern: true,
          notes: 'Year 6 at St Anne’s Primary; settled, and often at Nana’s too.',
        },
      },
    ).person;
    const baby = g.addChild(
      { union: now },
      {
        person: { name: 'Baby Osei', gender: 'female', birthDate: '2026-09', childOfConcern: true },
      },
    ).person;

    const rows = g.addRelationship({
      a: ama,
      b: ryan,
      kind: 'conflictual',
      note: 'Loud arguments most weeks since the baby was born; Kwame says he “keeps out of it”.',
      heldBy: 'Kwame',
    });
    g.addRelationship({
      a: kwame,
      b: akosua,
      kind: 'close',
      note: 'Nana is the one Kwame talks to; he still sits in Grandad’s chair there.',
      heldBy: 'the unit',
    });
    g.addHousehold({
      label: 'Mum’s flat, Northgate',
      members: [ama, ryan, kwame, abena, baby],
      since: '2024',
    });
    g.addEcomapEntry({
      label: 'Northgate Academy',
      kind: 'school',
      tie: 'tenuous',
      connectedTo: [kwame],
      note: 'Attendance 81% this term; late most Mondays.',
    });
    g.addEcomapEntry({
      label: 'Riverside Medical Practice',
      kind: 'gp',
      tie: 'strong',
      support: 'to_family',
      connectedTo: [ama],
    });
    g.addEcomapEntry({
      label: 'Health visitor',
      kind: 'health_visitor',
      tie: 'strong',
      support: 'to_family',
      connectedTo: [baby],
    });
    g.addEcomapEntry({
      label: 'Northgate Methodist Church',
      kind: 'faith_group',
      tie: 'strong',
      support: 'both',
      connectedTo: [akosua],
    });

    const manOfTheHouse = b.addHypothesis({
      text: 'Since Grandad Kofi died, Kwame has been the man of the house; Ryan moving in has left him without a place.',
      offeredBy: names.csw,
      offeredRole: 'consultant_social_worker',
      aboutPeople: [kwame, kofi, ryan],
    });
    b.setHypothesisStatus(
      manOfTheHouse,
      'exploring',
      'Kwame’s own words to Priya fit it; we want to hear Nana’s view.',
    );
    b.addEvidence(
      manOfTheHouse,
      'for',
      'Kwame told Priya he “looks after Mum and the little ones” since Grandad died.',
      names.cp,
    );
    b.addEvidence(
      manOfTheHouse,
      'for',
      'School logged the first row between Kwame and Ryan the month Ryan moved in.',
      names.sw,
    );
    b.addEvidence(
      manOfTheHouse,
      'against',
      'His Year 5 reports, before Kofi died, already describe him as withdrawn.',
      names.sw,
    );
    const keepingAway = b.addHypothesis({
      text: 'Ama’s low mood since the baby and the rows with Ryan keep Kwame out late: staying away is how he copes.',
      offeredBy: names.sw,
      offeredRole: 'social_worker',
      aboutPeople: [ama, kwame],
      aboutRelationships: [rows],
    });
    b.addEvidence(
      keepingAway,
      'for',
      'The GP confirms Ama started treatment for low mood in October.',
      names.sw,
    );
    b.addEvidence(
      keepingAway,
      'against',
      'Abena says Kwame stays out on quiet nights too.',
      names.cp,
    );
    const coping = b.addHypothesis({
      text: 'The family’s story is that Osei women cope alone: asking for help may feel like letting Kofi down.',
      offeredBy: names.clinician,
      offeredRole: 'clinician',
      aboutPeople: [ama, akosua, kofi],
    });
    b.addEvidence(
      coping,
      'for',
      'Ama turned down the family support referral: “we’ve always managed”.',
      names.sw,
    );
    b.addEvidence(
      coping,
      'against',
      'Akosua asked Kwame’s school for help herself in September.',
      names.cp,
    );

    const atNanas = b.addConversation(manOfTheHouse, {
      workers: [names.cp, names.clinician],
      familyMembers: [kwame, akosua],
      where: 'At Nana Akosua’s house, after school',
      by: day(14),
      purpose:
        'Kwame can be a big brother without being the man of the house, and is in school every day.',
      ifYes:
        'If Kwame says he feels responsible for Mum, ask what Grandad would want for him, and plan with Ama who else can help at home.',
      ifNo: 'If he says nothing has changed, ask Nana what she has noticed since the funeral, and come back to it with Kwame alone.',
      plannedInMeeting: meetingId,
    });
    b.addQuestion(atNanas, {
      text: 'When Mum and Ryan argue, who in the family notices first? What do they do?',
      kind: 'circular',
      addressedTo: kwame,
      suggestedBy: names.cp,
    });
    b.addQuestion(atNanas, {
      text: 'On a scale of 0 to 10, how much do you worry about Mum when you are at school? What would make it one less?',
      kind: 'scaling',
      addressedTo: kwame,
      suggestedBy: names.cp,
    });
    b.addQuestion(atNanas, {
      text: 'What do you see happening between Kwame and Ryan when you visit?',
      kind: 'triadic',
      addressedTo: akosua,
      suggestedBy: names.clinician,
    });
    // The clinician's suggestion, live in today's meeting: it waits for a worker to accept it.
    b.suggestQuestion(atNanas, {
      text: 'If Grandad Kofi could see how you look after everyone, what would he say to you? What would he say to Mum?',
      kind: 'circular',
      addressedTo: kwame,
      suggestedBy: names.clinician,
    });
    b.addNote(
      'dilemma',
      'Ama wants Kwame home after school to help with the baby; school want him at homework club until five.',
      names.sw,
    );
  },
};

export const DEMO_FAMILIES: readonly DemoFamily[] = [harper, kowalskiReid, osei];
