import type { Page } from '@playwright/test';
import { signedInPage, test, expect } from './fixtures.js';

const minutes = (page: Page) => page.getByRole('textbox', { name: /^Minutes for Harper family/ });

/** How many offline copies of a family's minutes this browser holds in IndexedDB. */
const offlineDiscussions = (page: Page) =>
  page.evaluate(
    async () =>
      (await indexedDB.databases()).filter((database) => database.name?.includes(':discussion:'))
        .length,
  );

/** Nothing on the page says a change was lost or is waiting to be saved. */
async function expectNoSaveAlarm(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await expect(page.getByText(/not saved/i)).toHaveCount(0);
  await expect(page.getByText(/offline/i)).toHaveCount(0);
}

test.describe('approving in a full room', () => {
  test('[W5][W6] three laptops in the room while the chair has the family in focus; approving asks first and shows what was typed after ready; on approval no laptop shows a save error, and after a reload none has a pending change', async ({
    browser,
    server,
  }) => {
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    const coordinator = await signedInPage(browser, server.url, 'coordinator@demo.test');
    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    const room = [consultant, coordinator, worker];
    for (const page of room) {
      await page.getByRole('link', { name: 'Open the meeting room' }).click();
      await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
    }
    // The chair's focus starts the minutes' time recorder on every laptop.
    await consultant
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: 'Focus everyone here: Harper family' })
      .click();
    for (const page of room) await expect(minutes(page)).toBeVisible();

    await minutes(coordinator).click();
    await coordinator.keyboard.type('Grandmother Pat offered Tuesdays.');
    await expect(coordinator.getByTestId('save-status')).toHaveText('Saved');
    await coordinator.getByRole('button', { name: 'Mark ready' }).click();
    await expect(coordinator.getByText('Waiting for the consultant')).toBeVisible();

    // Typed after "ready": the approver is shown it before approving.
    await minutes(worker).click();
    await worker.keyboard.press('Control+End');
    await worker.keyboard.type('Dad asked about contact at weekends.');
    await expect(worker.getByTestId('save-status')).toHaveText('Saved');
    await expect(minutes(consultant)).toContainText('Dad asked about contact at weekends.');

    const approve = consultant.getByRole('button', { name: 'Approve' });
    // The room is told at once ([W11]), not at the next look-up.
    await expect(approve).toBeVisible();
    await approve.click();
    const written = consultant.getByRole('list', { name: 'Written since marked ready' });
    await expect(written).toContainText('Dad asked about contact at weekends.');
    await expect(written).not.toContainText('Grandmother Pat');
    // Going back approves nothing.
    await consultant.getByRole('button', { name: 'Go back' }).click();
    await expect(written).toBeHidden();
    await expect(minutes(consultant)).toHaveAttribute('contenteditable', 'true');

    await approve.click();
    await consultant.getByRole('button', { name: 'Yes, approve these minutes' }).click();
    await expect(consultant.getByText('Fingerprint of the record (SHA-256)')).toBeVisible();
    // Every laptop learns at once (not at its next look-up) and none raises a false alarm.
    for (const page of room) {
      await expect(minutes(page)).toHaveAttribute('contenteditable', 'false');
      await expectNoSaveAlarm(page);
    }
    // Nothing was kept back to replay: after a reload every laptop is saved and calm.
    for (const page of room) {
      await page.reload();
      await expect(minutes(page)).toHaveAttribute('contenteditable', 'false');
      await expect(page.getByText('Fingerprint of the record (SHA-256)')).toBeVisible();
      await expectNoSaveAlarm(page);
    }
  });
});

test.describe('approving while a laptop is offline', () => {
  test('[W6] words typed offline as the minutes are approved are refused by the final record, said calmly with the addendum as the way, and dropped from the offline store: a reload neither replays them nor raises an alarm', async ({
    browser,
    server,
  }) => {
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    const coordinator = await signedInPage(browser, server.url, 'coordinator@demo.test');
    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    for (const page of [consultant, coordinator, worker]) {
      await page.getByRole('link', { name: 'Open the meeting room' }).click();
      await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
    }
    await consultant
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: 'Focus everyone here: Harper family' })
      .click();
    for (const page of [consultant, coordinator, worker]) await expect(minutes(page)).toBeVisible();
    await minutes(coordinator).click();
    await coordinator.keyboard.type('Grandmother Pat offered Tuesdays.');
    await expect(coordinator.getByTestId('save-status')).toHaveText('Saved');
    await coordinator.getByRole('button', { name: 'Mark ready' }).click();
    await expect(coordinator.getByText('Waiting for the consultant')).toBeVisible();

    // The worker's laptop loses the network and they go on writing.
    await worker.context().setOffline(true);
    await expect(worker.getByTestId('save-status')).toHaveText(/^Offline/);
    await minutes(worker).click();
    await worker.keyboard.press('Control+End');
    await worker.keyboard.type('Written on the train as it was approved.');
    await expect(worker.getByTestId('save-status')).toHaveText(
      'Offline: not saved to the server yet',
    );
    expect(await offlineDiscussions(worker)).toBe(1);

    const approve = consultant.getByRole('button', { name: 'Approve' });
    // The room is told at once ([W11]), not at the next look-up.
    await expect(approve).toBeVisible();
    await approve.click();
    await consultant.getByRole('button', { name: 'Yes, approve these minutes' }).click();
    await expect(consultant.getByText('Fingerprint of the record (SHA-256)')).toBeVisible();

    // Back online: the final record refuses the words; the worker is told calmly what they were.
    await worker.context().setOffline(false);
    await expect(worker.getByRole('status').filter({ hasText: 'approved just as' })).toContainText(
      'add them as an addendum',
    );
    await expect(minutes(worker)).toHaveAttribute('contenteditable', 'false');
    await expectNoSaveAlarm(worker);
    await expect(minutes(consultant)).not.toContainText('Written on the train');
    // The refused words leave the offline store: nothing is replayed on the next visit.
    await expect.poll(() => offlineDiscussions(worker)).toBe(0);

    // Nothing was kept to replay: after a reload the record is calm and without those words.
    await worker.reload();
    await expect(minutes(worker)).toHaveAttribute('contenteditable', 'false');
    await expect(worker.getByText('Fingerprint of the record (SHA-256)')).toBeVisible();
    await expectNoSaveAlarm(worker);
    await expect(minutes(worker)).not.toContainText('Written on the train');
    await expect(worker.getByText(/approved just as/)).toHaveCount(0);
  });
});
