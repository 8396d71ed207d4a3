import type { Page } from '@playwright/test';
import { signedInPage, test, expect } from './fixtures.js';

const canvasOf = (page: Page, name: RegExp) => page.getByRole('group', { name });

async function addPerson(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a person' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('genogram-status').first()).toContainText(`Added ${name}`);
}

test.describe('family page: the genogram as it stood at each past meeting', () => {
  test('the chair moving on keeps the picture; later changes do not alter it', async ({
    browser,
    server,
  }) => {
    const chair = await signedInPage(browser, server.url, 'csw@demo.test');
    await chair.getByRole('link', { name: 'Osei family', exact: true }).click();
    await expect(chair.getByText(/None yet\. Unitroom keeps the genogram/)).toBeVisible();
    await addPerson(chair, 'Kwame Osei');
    // On the server before the chair walks away: the picture kept when the chair moves on is
    // the server's. A change not yet sent when the page is left waits in the browser's offline
    // copy until the family's document next connects, which can be after the chair moved on.
    await expect(chair.getByTestId('save-status')).toHaveText('Saved');

    await chair.getByRole('link', { name: /^Back to / }).click();
    await chair
      .getByRole('link', { name: /Weekly unit meeting/ })
      .first()
      .click();
    const agenda = chair.getByRole('navigation', { name: 'Agenda' });
    await agenda.getByRole('button', { name: /Focus everyone here: Osei family/ }).click();
    await expect(agenda.getByText('Chair is here')).toBeVisible();
    await agenda.getByRole('button', { name: /Focus everyone here: Kowalski-Reid family/ }).click();

    await chair.getByRole('link', { name: /^Back to / }).click();
    await chair.getByRole('link', { name: 'Osei family', exact: true }).click();
    const history = chair.getByRole('region', { name: 'The genogram at past meetings' });
    await history.getByRole('button', { name: /^Weekly unit meeting, / }).click();
    const kept = canvasOf(chair, /^Genogram of Osei family at Weekly unit meeting/);
    await expect(kept.getByRole('button', { name: /^Kwame Osei/ })).toBeVisible();
    await expect(history.getByTestId('genogram-read-only')).toContainText('as it stood at');

    // The live genogram moves on; the kept one stays as it was.
    await addPerson(chair, 'Abena Osei');
    await expect(
      canvasOf(chair, /^Genogram of Osei family$/).getByRole('button', { name: /^Abena Osei/ }),
    ).toBeVisible();
    await expect(kept.getByRole('button', { name: /^Abena Osei/ })).toHaveCount(0);
    await expect(kept.getByRole('button', { name: /^Kwame Osei/ })).toBeVisible();
  });
});
