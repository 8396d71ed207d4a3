import { signedInPage, test, expect, wordsOf } from './fixtures.js';

test.describe("meeting room: co-editing a family's minutes live", () => {
  test("consultant and coordinator see each other's words and carets; the manager reads but cannot type", async ({
    browser,
    server,
  }) => {
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    const coordinator = await signedInPage(browser, server.url, 'coordinator@demo.test');
    const manager = await signedInPage(browser, server.url, 'manager@demo.test');

    for (const page of [consultant, coordinator, manager]) {
      await page
        .getByRole('link', { name: /Weekly unit meeting/ })
        .first()
        .click();
      await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
    }

    const minutes = (page: typeof consultant) =>
      page.getByRole('textbox', { name: /^Minutes for Harper family/ });
    // Everyone follows the chair by default; the chair puts the first family in focus.
    await consultant
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: /Harper family/ })
      .first()
      .click();
    for (const page of [consultant, coordinator, manager])
      await expect(minutes(page)).toBeVisible();

    // The minutes open on the template; each types into a section of it.
    const section = (page: typeof consultant, name: string) =>
      minutes(page).getByRole('group', { name, exact: true }).locator('p').first();
    await section(consultant, 'Context and the wider system').click();
    await consultant.keyboard.type('Mum seems more settled since the move. ');
    await section(coordinator, 'What is getting in the way').click();
    await coordinator.keyboard.press('End');
    await coordinator.keyboard.type('Mia told Priya she misses her dad.');

    for (const page of [consultant, coordinator, manager]) {
      await expect
        .poll(() => wordsOf(minutes(page)))
        .toContain('Mum seems more settled since the move.');
      await expect
        .poll(() => wordsOf(minutes(page)))
        .toContain('Mia told Priya she misses her dad.');
    }
    // Each editor sees the other's caret, labelled with their name.
    await expect(
      consultant.locator('.collaboration-carets__label', { hasText: 'Sue Martins' }),
    ).toBeVisible();
    await expect(
      coordinator.locator('.collaboration-carets__label', { hasText: 'Amara Okafor' }),
    ).toBeVisible();

    // Presence shows the others with role badges.
    await expect(consultant.getByRole('list', { name: 'In this meeting' })).toContainText('UC');

    // The save indicator settles on Saved once the server confirms durability.
    await expect(coordinator.getByTestId('save-status')).toHaveText(/Saved/);

    // The manager cannot type: the editor is not editable and typing changes nothing.
    await expect(minutes(manager)).toHaveAttribute('contenteditable', 'false');
    await minutes(manager).click();
    await manager.keyboard.type('MANAGER EDIT');
    await expect.poll(() => wordsOf(minutes(manager))).not.toContain('MANAGER EDIT');
    await expect.poll(() => wordsOf(minutes(consultant))).not.toContain('MANAGER EDIT');
  });
});
