import type { Page } from '@playwright/test';
import { signedInPage, test, expect } from './fixtures.js';

async function addPerson(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a person' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('genogram-status').first()).toContainText(`Added ${name}`);
}

const liveGenogram = (page: Page) => page.getByRole('group', { name: /^Genogram of Osei family$/ });

test.describe('family page: history of changes and restore', () => {
  test("[Y3][Y4] take back one person's changes, by keyboard, after seeing what will change", async ({
    browser,
    server,
  }) => {
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    await consultant.setViewportSize({ width: 1366, height: 768 });
    await consultant.getByRole('link', { name: 'Osei family', exact: true }).click();
    await addPerson(consultant, 'Kwame Osei');

    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    await worker.getByRole('link', { name: 'Osei family', exact: true }).click();
    await addPerson(worker, 'Invented Cousin');
    await expect(
      liveGenogram(consultant).getByRole('button', { name: /^Invented Cousin/ }),
    ).toBeVisible();

    // The history lists the changes once the page is opened again.
    await consultant.reload();
    const history = consultant.getByRole('region', { name: 'Changes and restore' });
    await expect(history.getByText(/Tom Whitfield/).first()).toBeVisible();
    await history.getByRole('radio', { name: /Tom Whitfield changed the genogram/ }).check();
    await history.getByRole('radio', { name: /Only one person's changes/ }).check();
    await history.getByLabel('Whose changes').selectOption({ label: 'Tom Whitfield' });
    await history.getByRole('button', { name: 'Check what will change' }).press('Enter');

    const confirm = history.getByRole('heading', { name: 'Restore?' });
    await expect(confirm).toBeFocused();
    const row = history.getByRole('row', { name: /People in the genogram/ });
    await expect(row.getByRole('cell')).toHaveText(['2', '1']);
    await history.scrollIntoViewIfNeeded();
    await confirm.scrollIntoViewIfNeeded();
    await consultant.screenshot({ path: test.info().outputPath('restore-confirm.png') });

    await history.getByRole('button', { name: 'Restore', exact: true }).press('Enter');
    await expect(history.getByText(/^Restored\. Everyone with/)).toBeVisible();
    await consultant.screenshot({ path: test.info().outputPath('restore-done.png') });
    // Live for everyone, the worker included; the consultant's own change stays.
    await expect(
      liveGenogram(worker).getByRole('button', { name: /^Invented Cousin/ }),
    ).toHaveCount(0);
    await expect(liveGenogram(worker).getByRole('button', { name: /^Kwame Osei/ })).toBeVisible();
    await expect(history.getByText(/Amara Okafor restored the genogram/)).toBeVisible();
  });
});

test.describe('meeting room: history of a discussion', () => {
  test('[Y4] the minutes list who wrote them, for a member who may restore', async ({
    browser,
    server,
  }) => {
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    await consultant.setViewportSize({ width: 1366, height: 768 });
    await consultant
      .getByRole('link', { name: /Weekly unit meeting/ })
      .first()
      .click();
    await consultant
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: /Harper family/ })
      .first()
      .click();
    const minutes = consultant.getByRole('textbox', { name: /^Minutes for Harper family/ });
    await minutes
      .getByRole('group', { name: 'Context and the wider system', exact: true })
      .locator('p')
      .first()
      .click();
    await consultant.keyboard.type('Mum seems more settled since the move.');
    await expect(consultant.getByTestId('save-status').first()).toContainText(/Saved/);
    await consultant.reload();
    const history = consultant.getByRole('region', { name: 'Changes and restore' });
    await expect(history.getByText(/Amara Okafor changed the minutes/)).toBeVisible();
    await history.getByRole('radio', { name: /Amara Okafor changed the minutes/ }).check();
    await history.getByRole('button', { name: 'Check what will change' }).click();
    await expect(history.getByRole('heading', { name: 'Restore?' })).toBeFocused();
    await consultant.screenshot({ path: test.info().outputPath('discussion-history.png') });
  });
});
