import type { Page } from '@playwright/test';
import { expectNoAxeViolations, signedInPage, test, expect, wordsOf } from './fixtures.js';

/** From the unit home to this week's meeting room, as people do. */
async function enterRoom(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Open the meeting room' }).click();
  await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
}

const discussing = (page: Page) => page.locator('#discussion-heading');

async function focusEveryone(chair: Page, familyName: string): Promise<void> {
  await chair
    .getByRole('navigation', { name: 'Agenda' })
    .getByRole('button', { name: `Focus everyone here: ${familyName}` })
    .click();
}

test.describe('running the meeting: the chair leads, the room follows', () => {
  // A whole meeting with four people: two families, the timer and hands, closing and the next
  // weeks scheduled, axe on each page. About half a minute on a quiet machine; the limit is for
  // a hang, and this journey is long like the other whole journeys (admin, families, unit).
  test.setTimeout(120_000);
  test('the chair moves through two families and the followers follow; one steps away and back; timer and hands are shared; closing carries the family not reached over; the next weeks are scheduled; the pages pass axe', async ({
    browser,
    server,
  }) => {
    const chair = await signedInPage(browser, server.url, 'csw@demo.test');
    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    const coordinator = await signedInPage(browser, server.url, 'coordinator@demo.test');
    const onHome = await signedInPage(browser, server.url, 'clinician@demo.test');
    await expect(onHome.getByRole('heading', { name: "This week's meeting" })).toBeVisible();
    await expectNoAxeViolations(onHome);

    for (const page of [chair, worker, coordinator]) await enterRoom(page);
    // The unit home shows the live meeting and who is in it.
    const live = onHome.locator('.live-banner');
    await expect(live).toContainText('Amara Okafor');
    await expect(live).toContainText('Tom Whitfield');
    await expect(live).toContainText('Sue Martins');

    await focusEveryone(chair, 'Kowalski-Reid family');
    for (const page of [chair, worker, coordinator]) {
      await expect(discussing(page)).toHaveText('Kowalski-Reid family');
      await expect(page.getByTestId('family-timer')).toContainText('of 45 min');
    }
    await focusEveryone(chair, 'Osei family');
    for (const page of [chair, worker, coordinator])
      await expect(discussing(page)).toHaveText('Osei family');
    // The timer runs for everyone (the server's clock, so every screen agrees).
    await expect(worker.getByTestId('family-timer')).toContainText(/Time on this family: 0:0[1-9]/);

    // The social worker steps away to another family; the chair moves on without them.
    await worker
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('link', { name: 'Harper family' })
      .click();
    await expect(discussing(worker)).toHaveText('Harper family');
    await focusEveryone(chair, 'Kowalski-Reid family');
    await expect(discussing(coordinator)).toHaveText('Kowalski-Reid family');
    await expect(discussing(worker)).toHaveText('Harper family');
    await expect(worker.locator('.follow-banner')).toContainText(
      'the chair is on Kowalski-Reid family',
    );
    await worker.getByRole('button', { name: "Return to chair's view" }).click();
    await expect(discussing(worker)).toHaveText('Kowalski-Reid family');
    await expect(worker.getByRole('checkbox', { name: 'Follow the chair' })).toBeChecked();

    // A raised hand is seen by all; the chair lowers it.
    await worker.getByRole('button', { name: 'Raise my hand' }).click();
    const hands = (page: Page) => page.getByRole('list', { name: 'Hands up, in order' });
    await expect(hands(coordinator)).toContainText('Tom Whitfield');
    await expect(hands(chair)).toContainText('Tom Whitfield');
    await expectNoAxeViolations(coordinator);
    await chair.getByRole('button', { name: 'Lower hand: Tom Whitfield' }).click();
    await expect(hands(worker)).toHaveCount(0);
    await expect(worker.getByRole('button', { name: 'Raise my hand' })).toBeVisible();

    // The coordinator's planning page: the meeting's agenda, with what was discussed.
    await coordinator.goto('/');
    await coordinator.getByRole('link', { name: 'Plan the agenda' }).click();
    await expect(coordinator.getByRole('heading', { level: 1 })).toContainText('Plan:');
    await expect(coordinator.getByRole('heading', { name: 'Close the meeting' })).toBeVisible();
    await expect(coordinator.getByRole('checkbox', { name: 'Osei family' })).toBeChecked();
    await expect(coordinator.getByRole('checkbox', { name: 'Harper family' })).not.toBeChecked();
    await expectNoAxeViolations(coordinator);

    // Closing: Harper was not reached, so it opens the next meeting's agenda; the room is told.
    await coordinator.getByRole('button', { name: 'Close the meeting' }).click();
    await coordinator.getByRole('button', { name: 'Yes, close the meeting' }).click();
    await expect(coordinator.getByText('1 family moves to the next meeting.')).toBeVisible();
    await expect(chair.getByText('This meeting has been closed.')).toBeVisible();
    await coordinator.getByRole('link', { name: 'Plan the next meeting' }).click();
    const nextAgenda = coordinator.locator('.plan-agenda__item');
    await expect(nextAgenda).toHaveCount(1);
    await expect(nextAgenda.first()).toContainText('Harper family');
    await expect(nextAgenda.first()).toContainText('Carried over from');
    await expectNoAxeViolations(coordinator);

    // Scheduling the weekly meeting for the weeks after.
    await coordinator.goto('/');
    await coordinator.getByRole('link', { name: 'Schedule the weekly meeting' }).click();
    await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText(
      'Schedule the weekly meeting',
    );
    await expectNoAxeViolations(coordinator);
    await coordinator.getByLabel('Title').fill('Thursday unit meeting');
    await coordinator.getByLabel('Number of weeks to schedule now').fill('2');
    await coordinator.getByRole('button', { name: 'Schedule meetings' }).click();
    await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText(
      'Plan: Thursday unit meeting',
    );
    await expect(coordinator.getByRole('heading', { name: 'Other families' })).toBeVisible();
  });

  test('a member who goes offline keeps editing, sees it is not saved yet, is warned on closing the tab, and the others get the edits on return', async ({
    browser,
    server,
  }) => {
    const chair = await signedInPage(browser, server.url, 'csw@demo.test');
    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    const coordinator = await signedInPage(browser, server.url, 'coordinator@demo.test');
    for (const page of [chair, worker, coordinator]) await enterRoom(page);
    await focusEveryone(chair, 'Harper family');
    const minutes = (page: Page) =>
      page.getByRole('textbox', { name: /^Minutes for Harper family/ });
    for (const page of [chair, worker, coordinator]) await expect(minutes(page)).toBeVisible();

    await worker.context().setOffline(true);
    await expect(worker.getByTestId('save-status')).toHaveText(/^Offline/);
    await minutes(worker).click();
    await worker.keyboard.type('Written on the train with no signal.');
    await expect(worker.getByTestId('save-status')).toHaveText(
      'Offline: not saved to the server yet',
    );
    // Screen readers are told, unasked.
    await expect(worker.getByTestId('save-announcement')).toHaveText(
      'Offline: not saved to the server yet',
    );
    // Meanwhile the room carries on.
    await minutes(chair).click();
    await chair.keyboard.type('Chair notes while Tom is offline. ');
    await expect
      .poll(() => wordsOf(minutes(coordinator)))
      .toContain('Chair notes while Tom is offline.');
    await expect.poll(() => wordsOf(minutes(coordinator))).not.toContain('Written on the train');
    // Typing saves at every keystroke; screen readers are not told so at every keystroke.
    await expect(chair.getByTestId('save-status')).toHaveText('Saved');
    await expect(chair.getByTestId('save-announcement')).toHaveText('');

    // A connection lost and found again is said both ways (the coordinator's laptop records
    // who is here and for how long, so it may have changes of its own waiting).
    await coordinator.context().setOffline(true);
    await expect(coordinator.getByTestId('save-announcement')).toHaveText(/^Offline/);
    await coordinator.context().setOffline(false);
    await expect(coordinator.getByTestId('save-announcement')).toHaveText(
      'Connected again: every change is saved',
    );

    // The offline copy is in IndexedDB, not only in memory.
    const stored = await worker.evaluate(async () =>
      (await indexedDB.databases()).map((database) => database.name),
    );
    expect(stored.some((name) => name?.startsWith('unitroom:') && name.includes(':meeting:'))).toBe(
      true,
    );

    // Closing the tab while edits exist only in this browser asks first...
    const context = worker.context();
    const prompt = worker.waitForEvent('dialog');
    await worker.close({ runBeforeUnload: true });
    const dialog = await prompt;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.accept();
    await worker.waitForEvent('close');

    // ...and the edits are not lost: back online, Unitroom opened again sends them from IndexedDB.
    await context.setOffline(false);
    const back = await context.newPage();
    await back.goto('/');
    await enterRoom(back);
    await expect(back.getByTestId('save-status')).toHaveText('Saved', { timeout: 20_000 });
    for (const page of [chair, back, coordinator]) {
      await expect
        .poll(() => wordsOf(minutes(page)))
        .toContain('Written on the train with no signal.');
      await expect
        .poll(() => wordsOf(minutes(page)))
        .toContain('Chair notes while Tom is offline.');
    }

    // Signing out deletes this browser's offline copies: council laptops are shared.
    await back.goto('/');
    await back.getByRole('button', { name: 'Sign out' }).click();
    await expect(back.getByRole('heading', { level: 1 })).toHaveText(/Sign in/);
    await expect
      .poll(() =>
        back.evaluate(
          async () =>
            (await indexedDB.databases()).filter((database) =>
              database.name?.startsWith('unitroom:'),
            ).length,
        ),
      )
      .toBe(0);
  });
});
