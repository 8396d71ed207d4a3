import { describe, expect, it } from 'vitest';
import { boardCommands, readBoard, userOrigin, type QuestionId } from '@unitroom/shared';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

describe('hypotheses board: live suggestions through the real server', () => {
  it('[B7] [B8] a clinician suggests, the worker accepts; a third client and a restarted server see it; a read-only member cannot suggest', async () => {
    const server = await startTestServer();
    const docName = `family:${server.demo.familyIds[0]}`;
    const worker = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'sw@demo.test'),
    });
    const clinician = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'clinician@demo.test'),
    });
    const manager = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'manager@demo.test'),
    });
    await Promise.all([worker.synced, clinician.synced, manager.synced]);

    const workerBoard = boardCommands(worker.doc, userOrigin('sw'));
    const hypothesis = workerBoard.addHypothesis({
      text: 'Being the youngest makes it hard for Kelly to be "the adult" with Mia',
      offeredBy: 'sw',
    });
    const conversation = workerBoard.addConversation(hypothesis, {
      purpose: 'Kelly feels able to set Mia’s routine',
    });
    await serverSaved(worker);

    await eventually(() => expect(readBoard(clinician.doc).conversations).toHaveLength(1));
    const suggested: QuestionId = boardCommands(clinician.doc, userOrigin('cl')).suggestQuestion(
      conversation,
      { text: 'What would your mum say if she were here?', kind: 'circular', suggestedBy: 'cl' },
    );
    // The read-only manager's client tries too; the server drops it.
    boardCommands(manager.doc, userOrigin('mgr')).suggestQuestion(conversation, {
      text: 'MANAGER SUGGESTION',
      kind: 'lineal',
      suggestedBy: 'mgr',
    });
    await Promise.all([serverSaved(clinician), serverSaved(manager)]);

    // It appears on the worker's screen at once, as a suggestion with its author.
    await eventually(() =>
      expect(readBoard(worker.doc).questions).toEqual([
        expect.objectContaining({ id: suggested, state: 'suggested', suggestedBy: 'cl' }),
      ]),
    );
    workerBoard.acceptQuestion(suggested);
    await serverSaved(worker);

    const third = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'cp@demo.test'),
    });
    await third.synced;
    const seen = readBoard(third.doc);
    expect(seen.conversations[0]?.questions).toEqual([suggested]);
    expect(seen.questions).toEqual([
      expect.objectContaining({
        id: suggested,
        state: 'accepted',
        text: 'What would your mum say if she were here?',
        suggestedBy: 'cl',
      }),
    ]);

    for (const client of [worker, clinician, manager, third]) client.destroy();
    const restarted = await server.restart();
    const afterRestart = readBoard(await loadStoredDoc(restarted, docName));
    expect(afterRestart.questions.map((q) => [q.text, q.state])).toEqual([
      ['What would your mum say if she were here?', 'accepted'],
    ]);
  });
});
