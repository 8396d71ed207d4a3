import { MIN_NAME_PX, genogramCommands, userOrigin, type MeResponse } from '@unitroom/shared';
import { signIn } from '../helpers/session.js';
import { connectYClient, serverSaved } from '../helpers/yClient.js';
import { signedInPage, test, expect } from './fixtures.js';

/** Draws the Osei family through a stock client: Grace, separated from Kwame, now with Daniel. */
async function drawFamily(url: string): Promise<void> {
  const cookie = await signIn(url, 'sw@demo.test');
  const me = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as MeResponse;
  const family = me.units[0]?.families.find((f) => f.name === 'Osei family');
  if (!family) throw new Error('no Osei family in the demo');
  const client = connectYClient(url, family.docName, { cookie });
  await client.synced;
  const commands = genogramCommands(client.doc, userOrigin('sw'));
  const grace = commands.addPerson({ name: 'Grace Osei', gender: 'female' });
  const { union: first } = commands.addPartner(grace, {
    partner: { name: 'Kwame Mensah', gender: 'male' },
    kind: 'marriage',
  });
  commands.addUnionEvent(first, 'separated', '2019');
  const { union: now } = commands.addPartner(grace, {
    partner: { name: 'Daniel Reid', gender: 'male' },
    kind: 'cohabitation',
  });
  // Enough of a family that the whole of it does not fit a laptop's canvas at a readable size.
  commands.addParents(grace, {
    partnerA: { name: 'Kofi Osei', gender: 'male' },
    partnerB: { name: 'Akosua Osei', gender: 'female' },
  });
  for (const name of ['Ama', 'Kojo', 'Efua', 'Yaw', 'Esi', 'Kwesi', 'Abena', 'Kobby', 'Adwoa']) {
    commands.addChild({ union: now }, { person: { name: `${name} Reid`, gender: 'unknown' } });
  }
  await serverSaved(client);
  client.destroy();
}

test.describe('genogram: reading and adding by mouse', () => {
  test('[G25][FV1] names are readable at Fit; a click on a person opens their details; "Add child" proposes the partner she is with now', async ({
    browser,
    server,
  }) => {
    await drawFamily(server.url);
    const page = await signedInPage(browser, server.url, 'csw@demo.test');
    await page.getByRole('link', { name: 'Osei family', exact: true }).click();
    const canvas = page.getByTestId('genogram-canvas');
    await expect(canvas.getByTestId('genogram-person')).toHaveCount(14);

    // At "Fit", names are drawn at least MIN_NAME_PX (12) CSS px high on a 1366 x 768 screen
    // ([FV1]): the text's font size times the canvas's scale on screen.
    await page.setViewportSize({ width: 1366, height: 768 });
    const graceName = canvas
      .getByRole('button', { name: /^Grace Osei/ })
      .locator('text', { hasText: 'Grace Osei' })
      .first();
    await expect
      .poll(() =>
        graceName.evaluate(
          (text) =>
            ((text as SVGTextElement).getScreenCTM()?.a ?? 0) *
            parseFloat(getComputedStyle(text).fontSize),
        ),
      )
      .toBeGreaterThanOrEqual(MIN_NAME_PX - 0.01);

    await canvas.getByRole('button', { name: /^Grace Osei/ }).click();
    await expect(page.getByRole('heading', { name: 'Grace Osei' })).toBeFocused();

    await page.keyboard.press('Escape');
    await canvas.getByRole('button', { name: /^Grace Osei/ }).focus();
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Add a child of Grace Osei' });
    await expect(dialog.getByLabel('Other parent')).toHaveValue(/.+/);
    await expect(dialog.getByLabel('Other parent').locator('option:checked')).toHaveText(
      'Daniel Reid',
    );
    await expect(dialog.getByLabel('Other parent').locator('option')).toHaveText([
      'Daniel Reid',
      'Kwame Mensah',
      'Nobody else on the genogram',
    ]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    // [G27] Whom to relate her to: everyone else, by the generation they are drawn in, top first,
    // by name within each.
    await canvas.getByRole('button', { name: /^Grace Osei/ }).focus();
    await page.keyboard.press('r');
    const relationship = page.getByRole('dialog', { name: 'Add a relationship of Grace Osei' });
    const withWhom = relationship.getByLabel('With');
    await expect(withWhom.locator('optgroup')).toHaveCount(3);
    expect(
      await withWhom
        .locator('optgroup')
        .evaluateAll((groups) => groups.map((group) => (group as HTMLOptGroupElement).label)),
    ).toEqual(['Generation 1', 'Generation 2', 'Generation 3']);
    await expect(withWhom.locator('optgroup').nth(0).locator('option')).toHaveText([
      'Akosua Osei',
      'Kofi Osei',
    ]);
    await expect(withWhom.locator('optgroup').nth(1).locator('option')).toHaveText([
      'Daniel Reid',
      'Kwame Mensah',
    ]);
    await expect(withWhom.locator('optgroup').nth(2).locator('option').first()).toHaveText(
      'Abena Reid',
    );
    await expect(withWhom.locator('option:checked')).toHaveText('Akosua Osei');
    await relationship.getByRole('button', { name: 'Cancel' }).click();
    await expect(relationship).toBeHidden();
  });

  test('[G25] a double-click on a person opens their details and leaves them open', async ({
    browser,
    server,
  }) => {
    await drawFamily(server.url);
    const page = await signedInPage(browser, server.url, 'csw@demo.test');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('link', { name: 'Osei family', exact: true }).click();
    const canvas = page.getByTestId('genogram-canvas');
    await expect(canvas.getByTestId('genogram-person')).toHaveCount(14);
    const heading = page.getByRole('heading', { name: 'Daniel Reid' });
    await expect(heading).toHaveCount(0);

    // The first click opens the panel, which narrows the canvas and moves the drawing: the second
    // click lands on the background and must not close what the first opened.
    await canvas.getByRole('button', { name: /^Daniel Reid/ }).dblclick();
    await expect(heading).toBeFocused();
    await expect(canvas.getByRole('button', { name: /^Daniel Reid/ })).toHaveAttribute(
      'aria-current',
      'true',
    );
  });
});
