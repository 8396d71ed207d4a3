import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { signedInPage, test, expect } from './fixtures.js';

/** WCAG 2.2 A and AA, as axe tags them. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('.board').withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(summary).toEqual([]);
}

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
    await expectNoAxeViolations(worker);
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
    await purpose.press('Enter');
    await expect(workerDetail.getByTestId('conversation-plan')).toContainText(
      'Planned conversation 1',
    );

    // The clinician sees it live and suggests a question for the plan, and a hypothesis.
    await column(clinician, 'Open').getByRole('button', { name: KELLY_IDEA }).click();
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
    await expectNoAxeViolations(worker);

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
    await expect(column(manager, 'Open').getByTestId('board-card')).toHaveCount(2);
    await column(manager, 'Open').getByRole('button', { name: KELLY_IDEA }).click();
    const managerDetail = board(manager).getByTestId('board-detail');
    await expect(managerDetail.getByTestId('plan-questions')).toContainText(MUM_QUESTION);
    await expect(
      board(manager).getByRole('button', { name: /Suggest|Add|Accept|Plan/ }),
    ).toHaveCount(0);
    await expect(board(manager).getByRole('textbox')).toHaveCount(0);
    await expectNoAxeViolations(manager);
    await expectNoAxeViolations(clinician);
  });
});
