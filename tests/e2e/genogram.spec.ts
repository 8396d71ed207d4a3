import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { genogramCommands, userOrigin, type MeResponse } from '@unitroom/shared';
import { signIn } from '../helpers/session.js';
import { connectYClient, serverSaved } from '../helpers/yClient.js';
import { expectNoAxeViolations, signedInPage, test, expect } from './fixtures.js';

async function openFamily(page: Page, familyName: string): Promise<void> {
  await page.getByRole('link', { name: familyName, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: familyName })).toBeVisible();
  await expect(page.getByTestId('genogram-canvas')).toBeVisible();
}

/** Presses Tab until `target` has focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

const person = (page: Page, name: RegExp) =>
  page.getByTestId('genogram-canvas').getByRole('button', { name });

test.describe('genogram canvas: two people drawing one family', () => {
  test('one adds a person, a partner and a relationship with the keyboard alone; the other sees them drawn; no WCAG 2.2 A/AA violations', async ({
    browser,
    server,
  }) => {
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    for (const page of [consultant, worker]) await openFamily(page, 'Harper family');
    await expect(worker.getByText('No one on the genogram yet')).toBeVisible();

    // Keyboard only from here on for the consultant: Tab to the toolbar, shortcuts, dialogs.
    const keys = consultant.keyboard;
    await tabTo(consultant, consultant.getByRole('button', { name: 'Add person' }));
    await keys.press('n');
    const addPerson = consultant.getByRole('dialog', { name: 'Add a person' });
    await expect(addPerson.getByLabel('Name')).toBeFocused();
    await keys.type('Dana Harper');
    await keys.press('Tab');
    await expect(addPerson.getByRole('radio', { name: 'Male', exact: true })).toBeFocused();
    await keys.press('ArrowRight');
    await expect(addPerson.getByRole('radio', { name: 'Female' })).toBeChecked();
    await keys.press('Tab');
    await expect(addPerson.getByRole('button', { name: 'Add person' })).toBeFocused();
    await keys.press('Enter');
    await expect(addPerson).toBeHidden();
    await expect(person(consultant, /^Dana Harper, female/)).toBeFocused();
    await expect(consultant.getByTestId('genogram-status')).toContainText('Added Dana Harper');

    await keys.press('p');
    const addPartner = consultant.getByRole('dialog', { name: 'Add a partner of Dana Harper' });
    await expect(addPartner.getByLabel('Name')).toBeFocused();
    await keys.type('Sam Harper');
    await keys.press('Tab');
    await keys.press('Space');
    await expect(addPartner.getByRole('radio', { name: 'Male', exact: true })).toBeChecked();
    await keys.press('Tab');
    await expect(addPartner.getByLabel('Their partnership')).toBeFocused();
    await keys.type('Married');
    await expect(addPartner.getByLabel('Their partnership')).toHaveValue('marriage');
    await keys.press('Tab');
    await keys.press('Enter');
    await expect(addPartner).toBeHidden();
    await expect(person(consultant, /^Sam Harper, male/)).toBeFocused();

    await keys.press('r');
    const addRelationship = consultant.getByRole('dialog', {
      name: 'Add a relationship of Sam Harper',
    });
    await expect(addRelationship.getByLabel('With')).toBeFocused();
    await expect(addRelationship.getByLabel('With')).toHaveValue(/.+/);
    await keys.press('Tab');
    await keys.type('Conflictual');
    await expect(addRelationship.getByLabel('Kind of relationship')).toHaveValue('conflictual');
    await keys.press('Tab');
    await keys.press('Tab');
    await keys.type('the unit');
    await keys.press('Enter');
    await expect(addRelationship).toBeHidden();
    await expect(consultant.getByTestId('genogram-status')).toContainText(
      'Added a relationship: conflictual, Sam Harper and Dana Harper',
    );
    // Arrow keys move the selection along the generation (the notation draws him on the left).
    await keys.press('ArrowRight');
    await expect(person(consultant, /^Dana Harper/)).toBeFocused();
    await keys.press('ArrowLeft');
    await expect(person(consultant, /^Sam Harper/)).toBeFocused();

    // The social worker sees both people, the marriage and the conflict drawn.
    const canvas = worker.getByTestId('genogram-canvas');
    await expect(canvas.getByTestId('genogram-person')).toHaveCount(2);
    await expect(person(worker, /^Dana Harper, female/)).toBeVisible();
    await expect(person(worker, /^Sam Harper, male/)).toBeVisible();
    const union = canvas.getByTestId('genogram-union');
    await expect(union).toHaveAttribute('data-kind', 'marriage');
    await expect(union.locator('path').first()).toHaveAttribute('d', /^M.+L.+L.+L/);
    const relationship = canvas.getByTestId('genogram-relationship');
    await expect(relationship).toHaveAttribute('data-kind', 'conflictual');
    await expect(relationship.locator('path').first()).toHaveAttribute('d', /^M/);
    // ... and who has whom selected, live.
    await expect(canvas.getByTestId('genogram-peer-selection')).toHaveAttribute(
      'data-user',
      'Amara Okafor',
    );
    // The key lists only the symbols in use.
    const legend = worker.getByTestId('genogram-legend');
    for (const label of ['Female', 'Male', 'Married', 'Conflictual'])
      await expect(legend.getByText(label, { exact: true })).toBeVisible();
    await expect(legend.getByText('Divorced')).toHaveCount(0);
    // The text view says the same for screen readers.
    const text = worker.getByTestId('genogram-text-view');
    await expect(text.getByTestId('genogram-text-people')).toContainText('Dana Harper');
    await expect(text.getByTestId('genogram-text-partnerships')).toContainText(
      'Dana Harper and Sam Harper',
    );
    await expect(text.getByTestId('genogram-text-relationships')).toContainText('Conflictual');
    await expect(text.getByTestId('genogram-text-relationships')).toContainText('the unit');

    await expectNoAxeViolations(worker);
    // The consultant's page with the side panel open (Enter on the selected person).
    await keys.press('Enter');
    const panel = consultant.getByTestId('genogram-panel');
    await expect(panel.getByRole('heading', { name: 'Sam Harper' })).toBeFocused();
    await expectNoAxeViolations(consultant);

    // The picture downloads with its key.
    await keys.press('Escape');
    await expect(panel).toBeHidden();
    await expect(person(consultant, /^Sam Harper/)).toBeFocused();
    const svgDownload = consultant.waitForEvent('download');
    await consultant.getByRole('button', { name: 'More actions' }).click();
    await consultant.getByRole('menuitem', { name: 'Download SVG' }).click();
    const svg = await svgDownload;
    expect(svg.suggestedFilename()).toBe('harper-family-genogram.svg');
    const markup = fs.readFileSync(await svg.path(), 'utf8');
    expect(markup).toContain('<svg');
    expect(markup).toContain('Dana Harper');
    expect(markup).toContain('Key');
    expect(markup).toContain('Conflictual');
    const pngDownload = consultant.waitForEvent('download');
    await consultant.getByRole('button', { name: 'More actions' }).click();
    await consultant.getByRole('menuitem', { name: 'Download PNG' }).click();
    const png = await pngDownload;
    expect(png.suggestedFilename()).toBe('harper-family-genogram.png');
    expect(
      fs
        .readFileSync(await png.path())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');

    for (const page of [consultant, worker]) await page.context().close();
  });

  test("undo takes back only one's own change; the other person's stays", async ({
    browser,
    server,
  }) => {
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    for (const page of [consultant, worker]) await openFamily(page, 'Osei family');

    const addPerson = async (page: Page, name: string) => {
      await tabTo(page, page.getByRole('button', { name: 'Add person' }));
      await page.keyboard.press('n');
      await expect(page.getByRole('dialog', { name: 'Add a person' })).toBeVisible();
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await expect(person(page, new RegExp(`^${name}`))).toBeFocused();
    };
    await addPerson(consultant, 'Ama Osei');
    await expect(person(worker, /^Ama Osei/)).toBeVisible();
    await addPerson(worker, 'Kofi Osei');
    await expect(person(consultant, /^Kofi Osei/)).toBeVisible();

    // The consultant's focus is on the canvas; Ctrl+Z undoes their own addition only.
    await person(consultant, /^Ama Osei/).focus();
    await consultant.keyboard.press('Control+z');
    await expect(consultant.getByTestId('genogram-status')).toContainText('Undone');
    for (const page of [consultant, worker]) {
      await expect(person(page, /^Ama Osei/)).toHaveCount(0);
      await expect(person(page, /^Kofi Osei/)).toBeVisible();
    }
    // Focus was on the person undone: it lands on someone still there, not on the page.
    await expect(person(consultant, /^Kofi Osei/)).toBeFocused();
    // A second undo has nothing of the consultant's left: Kofi stays.
    await consultant.keyboard.press('Control+z');
    await expect(consultant.getByTestId('genogram-status')).toContainText(
      'Nothing of yours to undo',
    );
    await expect(person(worker, /^Kofi Osei/)).toBeVisible();
    // Redo brings the consultant's change back for both.
    await consultant.keyboard.press('Control+y');
    for (const page of [consultant, worker]) await expect(person(page, /^Ama Osei/)).toBeVisible();

    for (const page of [consultant, worker]) await page.context().close();
  });

  test('a drag moves the person live for others and is written once, on drop', async ({
    browser,
    server,
  }) => {
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    const worker = await signedInPage(browser, server.url, 'sw@demo.test');
    for (const page of [consultant, worker]) await openFamily(page, 'Kowalski-Reid family');
    await tabTo(consultant, consultant.getByRole('button', { name: 'Add person' }));
    await consultant.keyboard.press('n');
    await consultant.keyboard.type('Zofia Kowalski-Reid');
    await consultant.keyboard.press('Enter');
    const seen = person(worker, /^Zofia Kowalski-Reid/);
    await expect(seen).toBeVisible();
    // Where the social worker's canvas draws her, in layout units (the view refits on a drop).
    const top = async () => Number(await seen.getAttribute('data-y'));
    const start = await top();

    // Grabbed by her name, which is part of her symbol's group.
    const name = person(consultant, /^Zofia/)
      .locator('tspan', { hasText: 'Zofia' })
      .first();
    const box = await name.boundingBox();
    if (!box) throw new Error('Zofia is not drawn');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await consultant.mouse.move(x, y);
    await consultant.mouse.down();
    await consultant.mouse.move(x + 20, y + 50, { steps: 4 });
    await consultant.mouse.move(x + 40, y + 100, { steps: 4 });
    // Before the drop, the social worker already sees her move (awareness, not the document).
    await expect.poll(top).toBeGreaterThan(start + 40);
    await consultant.mouse.up();
    await expect(consultant.getByTestId('genogram-status')).toContainText(
      'Moved Zofia Kowalski-Reid',
    );
    await expect.poll(top).toBeGreaterThan(start + 40);

    // One undo puts her back: the drag was one write, not one per pointer move.
    await person(consultant, /^Zofia/).focus();
    await consultant.keyboard.press('Control+z');
    await expect.poll(top).toBeLessThan(start + 2);
    // The keyboard alternative: Alt+arrow moves her a step, written once per press.
    await consultant.keyboard.press('Alt+ArrowDown');
    await expect.poll(top).toBeGreaterThan(start + 5);
    // Alt+Left moves her too: it must not send the browser back a page.
    const left = async () => Number(await seen.getAttribute('data-x'));
    const before = await left();
    await consultant.keyboard.press('Alt+ArrowLeft');
    await expect.poll(left).toBeLessThan(before - 5);
    await expect(consultant.getByRole('heading', { level: 1 })).toHaveText('Kowalski-Reid family');

    for (const page of [consultant, worker]) await page.context().close();
  });

  test('a manager sees the genogram and its text view but no way to change it', async ({
    browser,
    server,
  }) => {
    const manager = await signedInPage(browser, server.url, 'manager@demo.test');
    await openFamily(manager, 'Harper family');
    await expect(manager.getByTestId('genogram-read-only')).toBeVisible();
    await expect(manager.getByRole('toolbar', { name: 'Change the genogram' })).toHaveCount(0);
    await expect(manager.getByRole('toolbar', { name: 'View and download' })).toBeVisible();
    await expectNoAxeViolations(manager);
    await manager.context().close();
  });

  test('[X4] the downloaded picture carries every name whole, over as many lines as it needs', async ({
    browser,
    server,
  }) => {
    const longName = 'Oluwaseun Adebayo-Fitzwilliam Harper-Okonkwo';
    const cookie = await signIn(server.url, 'sw@demo.test');
    const me = (await (
      await fetch(`${server.url}/api/me`, { headers: { cookie } })
    ).json()) as MeResponse;
    const family = me.units[0]?.families.find((f) => f.name === 'Osei family');
    if (!family) throw new Error('no Osei family in the demo');
    const client = connectYClient(server.url, family.docName, { cookie });
    await client.synced;
    genogramCommands(client.doc, userOrigin('sw')).addPerson({ name: longName, gender: 'male' });
    await serverSaved(client);
    client.destroy();

    const page = await signedInPage(browser, server.url, 'csw@demo.test');
    await openFamily(page, 'Osei family');
    // The canvas keeps to the label's three lines, so it cuts this name.
    await expect(person(page, /^Oluwaseun/).locator('text')).toContainText('…');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Download SVG' }).click();
    const markup = fs.readFileSync(await (await download).path(), 'utf8');
    const lines = [...markup.matchAll(/<tspan[^>]*font-weight="700"[^>]*>([^<]*)<\/tspan>/g)].map(
      (match) => match[1],
    );
    expect(lines).toEqual(['Oluwaseun', 'Adebayo-Fitzwilliam', 'Harper-Okonkwo']);
    expect(markup).not.toContain('…');
    await page.context().close();
  });
});
