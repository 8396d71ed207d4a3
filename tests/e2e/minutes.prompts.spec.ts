import type { Page } from '@playwright/test';
import { expectNoAxeViolations, signedInPage, test, expect } from './fixtures.js';

async function openHarperDiscussion(page: Page, chair: boolean) {
  await page
    .getByRole('link', { name: /Weekly unit meeting/ })
    .first()
    .click();
  await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
  if (chair) {
    await page
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: /Harper family/ })
      .first()
      .click();
  }
  await expect(page.getByRole('textbox', { name: /^Minutes for Harper family/ })).toBeVisible();
}

const minutes = (page: Page) => page.getByRole('textbox', { name: /^Minutes for Harper family/ });
const riskPart = (page: Page, child: string, part: string) =>
  minutes(page)
    .getByRole('group', { name: `Risk to ${child}`, exact: true })
    .getByRole('group', { name: part, exact: true })
    .locator('p')
    .first();
const prompt = (page: Page, id: string) => page.getByTestId(`prompt-${id}`);

test.describe('minutes: the reflective prompts follow the discussion live', () => {
  test('[C8] the clinician’s prompts panel updates as the consultant types a risk statement and picks a concern by keyboard', async ({
    browser,
    server,
  }) => {
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    const clinician = await signedInPage(browser, server.url, 'clinician@demo.test');
    await openHarperDiscussion(consultant, true);
    await openHarperDiscussion(clinician, false);

    const panel = clinician.getByRole('complementary', { name: 'Reflective prompts' });
    await expect(panel).toBeVisible();
    // A new discussion says so, calmly: no grade, no row of "not yet" ([W7]).
    await expect(panel.getByTestId('prompts-empty')).toHaveText(
      'Nothing discussed yet: the prompts fill in as you talk.',
    );
    await expect(panel).not.toContainText('Not yet');
    await expect(prompt(clinician, 'F8')).toContainText(
      'No risk is written for Mia Harper yet: what do we see, why does it worry us, and what will we do?',
    );

    await riskPart(consultant, 'Mia Harper', 'What we see').click();
    await consultant.keyboard.type('Mia has missed eleven days of school this term.');
    await expect(prompt(clinician, 'F8')).toContainText(
      'The risk to Mia Harper says what we see but not why it worries us and what we will do.',
    );
    await expect(panel.getByTestId('prompts-empty')).toHaveCount(0);
    // Never a grade: no rating of the discussion, no "not yet" beside each feature.
    for (const grade of ['Not yet', 'Green shoots', 'Systemic'])
      await expect(panel).not.toContainText(grade);

    await riskPart(consultant, 'Mia Harper', 'Why it worries us').click();
    await consultant.keyboard.type('She is looking after Leo in the mornings instead of learning.');
    await expect(prompt(clinician, 'F8')).toContainText(
      'The risk to Mia Harper says what we see and why it worries us but not what we will do.',
    );
    await riskPart(consultant, 'Mia Harper', 'What we will do').click();
    await consultant.keyboard.type('Priya will plan mornings with Kelly and Mia.');
    await expect(prompt(clinician, 'F8')).toContainText(
      'No level of concern is chosen for Mia Harper yet',
    );

    // The level of concern is chosen from the keyboard: arrows move along the radio group.
    const concern = consultant
      .getByRole('group', { name: 'Risk to Mia Harper', exact: true })
      .getByRole('group', { name: 'Level of concern' });
    await concern.getByRole('radio', { name: 'None' }).focus();
    await consultant.keyboard.press('ArrowRight');
    await consultant.keyboard.press('ArrowRight');
    await expect(concern.getByRole('radio', { name: 'Medium' })).toBeChecked();
    // Mia's risk is clear now; the panel moves on to her brother.
    await expect(prompt(clinician, 'F8')).toContainText('No risk is written for Leo Harper yet');
    await expect(
      clinician
        .getByRole('group', { name: 'Risk to Mia Harper', exact: true })
        .getByRole('radio', { name: 'Medium' }),
    ).toBeChecked();
    // Prompts name roles, never people: they are for the unit, never a grade of a person.
    await expect(prompt(clinician, 'F6')).toContainText(
      'What does the clinician make of this family?',
    );
    await expect(panel).not.toContainText('Amara Okafor');
    await expect(panel).not.toContainText('Jonah Bell');

    // An action that says only what will be done is marked on the action itself; the panel
    // links to it ([W7]).
    await consultant.getByRole('button', { name: 'Add an action' }).click();
    await consultant.keyboard.type('Visit Mia at school');
    const action = consultant.getByRole('group', { name: 'Action' }).last();
    await expect(action.getByTestId('process-only-mark')).toContainText('what is it for?');
    const goTo = panel.getByRole('button', { name: 'Go to the action: Visit Mia at school' });
    await expect(goTo).toBeVisible();
    await goTo.click();
    await expect(
      clinician.getByRole('group', { name: 'Action' }).last().getByTestId('process-only-mark'),
    ).toBeFocused();

    await expectNoAxeViolations(clinician, 'discussion workspace', '.discussion-workspace');
  });

  test('[C12] the consultant switches the prompts off for the unit; a colleague sees them off', async ({
    browser,
    server,
  }) => {
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    await openHarperDiscussion(consultant, true);
    const panel = consultant.getByRole('complementary', { name: 'Reflective prompts' });
    await panel.getByRole('button', { name: 'Switch prompts off for the unit' }).click();
    await expect(panel).toContainText('The unit has switched the systemic-discussion prompts off.');
    await expect(consultant.getByTestId('prompt-F1')).toHaveCount(0);

    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    await openHarperDiscussion(worker, false);
    const workerPanel = worker.getByRole('complementary', { name: 'Reflective prompts' });
    await expect(workerPanel).toContainText('switched the systemic-discussion prompts off');
    // Only the consultant decides how the unit works.
    await expect(workerPanel.getByRole('button')).toHaveCount(0);
  });
});
