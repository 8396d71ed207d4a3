import type { Page } from '@playwright/test';
import { expectNoAxeViolations, signedInPage, test, expect } from './fixtures.js';

/** axe finds nothing on the board. */
const expectNoAxeViolationsOnBoard = (page: Page) => expectNoAxeViolations(page, 'board', '.board');

const board = (page: Page) => page.getByRole('region', { name: 'Hypotheses board' });
const column = (page: Page, status: string) => board(page).getByRole('region', { name: status });

async function openMeetingFamily(page: Page, familyName: string): Promise<void> {
  await page
    .getByRole('link', { name: /Weekly unit meeting/ })
    .first()
    .click();
  await page
    .getByRole('navigation', { name: 'Agenda' })
    .getByRole('link', { name: familyName })
    .click();
  await expect(board(page)).toBeVisible();
}

const KELLY_IDEA = 'Being the youngest makes it hard for Mum to be "the adult" at home';
const MUM_QUESTION = 'What would your mum say if she were here?';
const CLINICIAN_IDEA = 'Mia may be keeping an eye on Mum since the move';

test.describe('hypotheses board: live suggestions between a clinician and a social worker', () => {
  test('the clinician suggests a question and a hypothesis, the social worker accepts them, the clinician sees them accepted; the manager cannot suggest; no WCAG 2.2 A/AA violations', async ({
    browser,
    server,
  }) => {
    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    const clinician = await signedInPage(browser, server.url, 'clinician@demo.test');
    const manager = await signedInPage(browser, server.url, 'manager@demo.test');
    for (const page of [worker, clinician, manager]) await openMeetingFamily(page, 'Harper family');

    // An empty board says how to start.
    await expect(board(worker).getByTestId('board-empty')).toContainText('No hypotheses yet');
    await expectNoAxeViolationsOnBoard(worker);
    await board(worker).getByRole('button', { name: 'Add the first hypothesis' }).click();
    const add = worker.getByRole('dialog', { name: 'Add a hypothesis' });
    await add.getByLabel('Hypothesis').fill(KELLY_IDEA);
    await add.getByRole('button', { name: 'Add hypothesis' }).click();
    await expect(add).toBeHidden();
    const workerCard = column(worker, 'Open').getByRole('button', { name: KELLY_IDEA });
    await expect(workerCard).toBeFocused();
    await workerCard.click();
    const workerDetail = board(worker).getByTestId('board-detail');
    await workerDetail.getByRole('button', { name: 'Plan a conversation' }).click();
    const purpose = workerDetail.getByLabel('The change we hope for, for the child');
    await purpose.fill('Mum feels able to set the bedtime routine');
    await purpose.press('Tab');
    await expect(workerDetail.getByTestId('conversation-plan')).toContainText(
      'Planned conversation 1: Mum feels able to set the bedtime routine',
    );

    // Planning a conversation moves it to "Exploring" on every screen ([W8]).
    await expect(
      column(worker, 'Exploring').getByRole('button', { name: KELLY_IDEA }),
    ).toBeVisible();
    // The clinician sees it live and suggests a question for the plan, and a hypothesis.
    await column(clinician, 'Exploring').getByRole('button', { name: KELLY_IDEA }).click();
    const clinicianDetail = board(clinician).getByTestId('board-detail');
    await clinicianDetail.getByLabel('Suggest a question').fill(MUM_QUESTION);
    await clinicianDetail.getByLabel('Kind of question').selectOption('hypothetical');
    await clinicianDetail.getByRole('button', { name: 'Suggest question' }).click();
    await expect(clinicianDetail.getByTestId('suggested-question')).toContainText(MUM_QUESTION);
    await board(clinician).getByRole('button', { name: 'Suggest a hypothesis' }).click();
    const suggest = clinician.getByRole('dialog', { name: 'Suggest a hypothesis' });
    await suggest.getByLabel('Hypothesis').fill(CLINICIAN_IDEA);
    await suggest.getByRole('button', { name: 'Suggest hypothesis' }).click();
    await expect(suggest).toBeHidden();
    // Suggesting never offers the clinician Accept: that is the worker's call.
    await expect(board(clinician).getByRole('button', { name: /^Accept/ })).toHaveCount(0);

    // On the worker's screen both appear at once, as suggestions with their author.
    const suggestedQuestion = workerDetail.getByTestId('suggested-question');
    await expect(suggestedQuestion).toContainText(MUM_QUESTION);
    await expect(suggestedQuestion).toContainText('Suggestion by Dr Jonah Bell');
    await expect(workerDetail.getByTestId('plan-questions')).toHaveCount(0);
    const suggestedCard = board(worker)
      .getByRole('region', { name: /Suggested hypotheses/ })
      .getByTestId('board-card');
    await expect(suggestedCard).toContainText(CLINICIAN_IDEA);
    await expect(suggestedCard).toContainText('Suggestion by Dr Jonah Bell');
    await expect(suggestedCard).toHaveAttribute('data-suggestion', 'suggested');
    await expectNoAxeViolationsOnBoard(worker);

    await suggestedQuestion.getByRole('button', { name: /^Accept/ }).click();
    await suggestedCard.getByRole('button', { name: /^Accept/ }).click();

    // The clinician sees both accepted: the question in the plan, the hypothesis in Open.
    await expect(clinicianDetail.getByTestId('plan-questions')).toContainText(MUM_QUESTION);
    await expect(clinicianDetail.getByTestId('suggested-question')).toHaveCount(0);
    await expect(clinicianDetail.getByTestId('plan-question')).toContainText(
      'Written by Dr Jonah Bell',
    );
    const accepted = column(clinician, 'Open').getByTestId('board-card').filter({
      hasText: CLINICIAN_IDEA,
    });
    await expect(accepted).toHaveAttribute('data-suggestion', 'accepted');
    await expect(
      board(clinician).getByRole('region', { name: /Suggested hypotheses/ }),
    ).toHaveCount(0);

    // The manager reads everything and has no way to add or suggest anything.
    await expect(board(manager).getByTestId('board-read-only')).toBeVisible();
    await expect(column(manager, 'Open').getByTestId('board-card')).toHaveCount(1);
    await column(manager, 'Exploring').getByRole('button', { name: KELLY_IDEA }).click();
    const managerDetail = board(manager).getByTestId('board-detail');
    await expect(managerDetail.getByTestId('plan-questions')).toContainText(MUM_QUESTION);
    await expect(
      board(manager).getByRole('button', { name: /Suggest|Add|Accept|Plan/ }),
    ).toHaveCount(0);
    await expect(board(manager).getByRole('textbox')).toHaveCount(0);
    await expectNoAxeViolationsOnBoard(manager);
    await expectNoAxeViolationsOnBoard(clinician);
  });
});

const person = (page: Page, name: RegExp) =>
  page.getByTestId('genogram-canvas').getByRole('button', { name });

async function addPerson(page: Page, name: string, opener: string): Promise<void> {
  await page.getByRole('button', { name: opener, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a person' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(dialog).toBeHidden();
  await expect(person(page, new RegExp(`^${name}`))).toBeVisible();
}

test.describe('hypotheses board: keyboard, the genogram beside it, and the next meeting', () => {
  test('cards move and change status from the keyboard; the genogram and the board filter and mark each other; a conversation planned between meetings is reviewed when the family comes back', async ({
    browser,
    server,
  }) => {
    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    await worker.getByRole('link', { name: 'Harper family', exact: true }).click();
    await expect(worker.getByRole('heading', { level: 1, name: 'Harper family' })).toBeVisible();
    await addPerson(worker, 'Mia Harper', 'Add the first person');
    await person(worker, /^Mia Harper/).press('Enter');
    await worker.getByRole('checkbox', { name: 'Child of concern' }).check();
    await worker
      .getByRole('button', { name: /^Close/ })
      .first()
      .click();

    // Selecting Mia on the genogram filtered the board; a new hypothesis starts about her.
    await expect(board(worker).getByTestId('board-filter')).toContainText('about Mia Harper');
    await board(worker).getByRole('button', { name: 'Add the first hypothesis' }).click();
    let dialog = worker.getByRole('dialog', { name: 'Add a hypothesis' });
    await expect(dialog.getByRole('checkbox', { name: 'Mia Harper' })).toBeChecked();
    await dialog.getByLabel('Hypothesis').fill('Mia worries about Mum when she is at school');
    await dialog.getByRole('button', { name: 'Add hypothesis' }).click();
    await board(worker).getByRole('button', { name: 'Show all hypotheses' }).click();
    await board(worker).getByRole('button', { name: 'Add a hypothesis' }).click();
    dialog = worker.getByRole('dialog', { name: 'Add a hypothesis' });
    await expect(dialog.getByRole('checkbox', { name: 'Mia Harper' })).not.toBeChecked();
    await dialog.getByLabel('Hypothesis').fill('The family expects help to be taken away');
    await dialog.getByRole('button', { name: 'Add hypothesis' }).click();
    await expect(dialog).toBeHidden();
    const openCards = column(worker, 'Open').locator('.board-card__open');
    await expect(openCards).toHaveText([
      'Mia worries about Mum when she is at school',
      'The family expects help to be taken away',
    ]);

    // Another person selected on the genogram: the board follows, both ways.
    await addPerson(worker, 'Dana Harper', 'Add person');
    await expect(board(worker).getByTestId('board-filter')).toContainText('about Dana Harper');
    await expect(board(worker).getByTestId('board-card')).toHaveCount(0);
    await person(worker, /^Mia Harper/).click();
    await expect(board(worker).getByTestId('board-filter')).toContainText('about Mia Harper');
    await expect(board(worker).getByTestId('board-card')).toHaveCount(1);
    await board(worker)
      .getByRole('button', { name: 'Mia worries about Mum when she is at school' })
      .click();
    await expect(person(worker, /^Mia Harper/)).toHaveAttribute('data-highlighted', 'true');
    await expect(person(worker, /^Dana Harper/)).not.toHaveAttribute('data-highlighted', 'true');
    await expect(person(worker, /^Mia Harper/)).toHaveAccessibleName(
      /Linked to the chosen hypothesis/,
    );
    await worker.keyboard.press('Escape');
    await expect(person(worker, /^Mia Harper/)).not.toHaveAttribute('data-highlighted', 'true');
    await board(worker).getByRole('button', { name: 'Show all hypotheses' }).click();

    // Keyboard only: move between cards, reorder, change status with a reason, undo.
    const keys = worker.keyboard;
    await openCards.first().focus();
    await keys.press('ArrowDown');
    await expect(openCards.nth(1)).toBeFocused();
    await keys.press('Alt+ArrowUp');
    await expect(openCards).toHaveText([
      'The family expects help to be taken away',
      'Mia worries about Mum when she is at school',
    ]);
    await expect(openCards.first()).toBeFocused();
    await keys.press('Alt+ArrowRight');
    const status = worker.getByRole('dialog', { name: 'Change the status' });
    await expect(status.getByRole('radio', { name: /^Exploring/ })).toBeChecked();
    await expect(status.getByLabel('Why is it changing?')).toBeFocused();
    await keys.type('Dana said as much at the last visit');
    await keys.press('Tab');
    await keys.press('Enter');
    await expect(status).toBeHidden();
    const exploring = column(worker, 'Exploring').getByRole('button', {
      name: 'The family expects help to be taken away',
    });
    await expect(exploring).toBeFocused();
    await expect(column(worker, 'Exploring').getByTestId('board-card')).toContainText(
      'Exploring because: Dana said as much at the last visit',
    );
    await keys.press('Control+z');
    await expect(column(worker, 'Exploring').getByTestId('board-card')).toHaveCount(0);
    await expect(board(worker).getByTestId('board-status')).toContainText('Undone');

    // A conversation planned on the family page, between meetings...
    await column(worker, 'Open')
      .getByRole('button', { name: 'Mia worries about Mum when she is at school' })
      .click();
    const detail = board(worker).getByTestId('board-detail');
    await detail.getByRole('button', { name: 'Plan a conversation' }).click();
    const purpose = detail.getByLabel('The change we hope for, for the child');
    await purpose.fill('Mia can leave worrying about Mum to the adults');
    await purpose.press('Enter');
    await expect(detail.getByTestId('conversation-plan')).toContainText(
      'Planned in between meetings',
    );

    // The bank proposes questions with the family's own people; one click suggests one.
    await detail.getByText('Questions from the bank for this hypothesis').click();
    const proposal = detail.getByTestId('bank-proposal').first();
    const proposed = (await proposal.locator('.board-question__text').textContent()) ?? '';
    // Filled in and addressed with the family's own people.
    await expect(proposal).toContainText('To Mia Harper.');
    await proposal.getByRole('button', { name: /^Suggest/ }).click();
    const fromBank = detail.getByTestId('suggested-question');
    await expect(fromBank).toContainText(proposed);
    await expect(fromBank).toContainText('Suggestion by Tom Whitfield');
    await fromBank.getByRole('button', { name: /^Accept/ }).click();
    await expect(detail.getByTestId('plan-questions')).toContainText(proposed);

    // ...comes back when the family does: did it happen, what did we learn, what next?
    await expect(worker.getByTestId('save-status')).toHaveText(/Saved/);
    await worker.getByRole('link', { name: 'Back to Northgate Unit 4' }).click();
    await openMeetingFamily(worker, 'Harper family');
    const review = board(worker).getByTestId('board-review');
    await expect(review).toContainText('1 planned conversation to review');
    await expect(review).toContainText('Mia can leave worrying about Mum to the adults');
    await expectNoAxeViolationsOnBoard(worker);
    await review.getByRole('button', { name: 'Save the review' }).click();
    await expect(review.getByRole('alert')).toContainText('Say whether the conversation happened');
    await review.getByRole('radio', { name: 'Yes' }).check();
    await review.getByLabel('What did we learn?').fill('Mia talks to her teacher about Mum');
    await review.getByLabel('What next?').fill('Ask school how they can help Mia worry less');
    await review.getByRole('button', { name: 'Save the review' }).click();
    await expect(review).toContainText('all reviewed');
    await expect(review.getByTestId('board-reviewed')).toContainText(
      'Mia talks to her teacher about Mum',
    );
    await column(worker, 'Exploring')
      .getByRole('button', { name: 'Mia worries about Mum when she is at school' })
      .click();
    await expect(board(worker).getByTestId('board-detail')).toContainText(
      'Last discussedthis meeting',
    );
  });
});

test.describe("a unit's own question bank", () => {
  test("a clinician adds a question to the unit's bank and it is proposed first on the board, with the family's names; the manager cannot change the bank; no WCAG 2.2 A/AA violations", async ({
    browser,
    server,
  }) => {
    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    await worker.getByRole('link', { name: 'Harper family', exact: true }).click();
    await addPerson(worker, 'Mia Harper', 'Add the first person');
    await person(worker, /^Mia Harper/).press('Enter');
    await worker.getByRole('checkbox', { name: 'Child of concern' }).check();
    await worker
      .getByRole('button', { name: /^Close/ })
      .first()
      .click();
    await board(worker).getByRole('button', { name: 'Add the first hypothesis' }).click();
    const dialog = worker.getByRole('dialog', { name: 'Add a hypothesis' });
    await dialog.getByLabel('Hypothesis').fill('Mia feels she has to look after Mum');
    await dialog.getByRole('button', { name: 'Add hypothesis' }).click();
    await column(worker, 'Open')
      .getByRole('button', { name: 'Mia feels she has to look after Mum' })
      .click();
    await board(worker)
      .getByTestId('board-detail')
      .getByRole('button', { name: 'Plan a conversation' })
      .click();
    await expect(board(worker).getByTestId('conversation-plan')).toBeVisible();
    await expect(worker.getByTestId('save-status')).toHaveText(/Saved/);

    const clinician = await signedInPage(browser, server.url, 'clinician@demo.test');
    await clinician.getByRole('link', { name: 'Harper family', exact: true }).click();
    await column(clinician, 'Exploring')
      .getByRole('button', { name: 'Mia feels she has to look after Mum' })
      .click();
    const detail = board(clinician).getByTestId('board-detail');
    await detail.getByText('Questions from the bank for this hypothesis').click();
    await detail.getByRole('link', { name: 'See or change the unit’s question bank' }).click();
    await expect(
      clinician.getByRole('heading', { level: 1, name: 'Question bank of Northgate Unit 4' }),
    ).toBeVisible();
    await expect(
      clinician.getByText('Your unit uses the default bank of 75 questions.'),
    ).toBeVisible();
    const bankPath = new URL(clinician.url()).pathname;

    await clinician.getByLabel('Question', { exact: true }).fill('Ask {auntie} about it');
    await clinician.getByRole('button', { name: 'Add question' }).click();
    await expect(clinician.getByText(/\{auntie\} is not a placeholder/)).toBeVisible();
    await clinician
      .getByLabel('Question', { exact: true })
      .fill('What would {child} like the family to know about how things are at home?');
    await clinician.getByLabel('Kind of question').selectOption('hypothetical');
    await clinician.getByRole('button', { name: 'Add question' }).click();
    await expect(clinician.getByTestId('question-bank-status')).toContainText('Question added');
    await expect(clinician.getByText('Your unit has its own bank of 76 questions.')).toBeVisible();
    await expectNoAxeViolations(clinician, 'question bank');

    // Back on the board, the unit's own question comes first, filled in with Mia's name.
    await clinician.goBack();
    await column(clinician, 'Exploring')
      .getByRole('button', { name: 'Mia feels she has to look after Mum' })
      .click();
    await board(clinician)
      .getByTestId('board-detail')
      .getByText('Questions from the bank for this hypothesis')
      .click();
    await expect(board(clinician).getByTestId('bank-proposal').first()).toContainText(
      'What would Mia like the family to know about how things are at home?',
    );

    const manager = await signedInPage(browser, server.url, 'manager@demo.test');
    await manager.goto(bankPath);
    await expect(manager.getByText('Your unit has its own bank of 76 questions.')).toBeVisible();
    await expect(manager.getByRole('button', { name: /Add question|Remove|Restore/ })).toHaveCount(
      0,
    );
  });
});
