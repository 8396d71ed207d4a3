import fs from 'node:fs';
import path from 'node:path';
import { boardCommands, genogramCommands, userOrigin, type MeResponse } from '@unitroom/shared';
import type { Page } from '@playwright/test';
import { signIn } from '../helpers/session.js';
import { connectYClient, serverSaved } from '../helpers/yClient.js';
import { signedInPage, test, expect } from './fixtures.js';

/** Set SCREENSHOTS=docs/screenshots to refresh the follower's screenshot. */
const SHOTS = process.env.SCREENSHOTS;
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/**
 * Two people on the Harper family's genogram, drawn through a stock client, and the hypotheses
 * given on its board, about Mia (so they stay in view when she is opened and filters the board).
 */
async function drawHarpers(url: string, hypotheses: string[] = []): Promise<void> {
  const cookie = await signIn(url, 'sw@demo.test');
  const me = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as MeResponse;
  const family = me.units[0]?.families.find((f) => f.name === 'Harper family');
  if (!family) throw new Error('no Harper family in the demo');
  const client = connectYClient(url, family.docName, { cookie });
  await client.synced;
  const commands = genogramCommands(client.doc, userOrigin('sw'));
  const mia = commands.addPerson({ name: 'Mia Harper', gender: 'female' });
  commands.addPerson({ name: 'Dana Harper', gender: 'female' });
  const board = boardCommands(client.doc, userOrigin('sw'));
  for (const text of hypotheses)
    board.addHypothesis({ text, offeredBy: 'Sam Worker', aboutPeople: [mia] });
  await serverSaved(client);
  client.destroy();
}

const person = (page: Page, name: RegExp) =>
  page.getByTestId('genogram-canvas').getByRole('button', { name });
const minutes = (page: Page) => page.getByRole('textbox', { name: /^Minutes for Harper family/ });
const section = (page: Page, name: string) =>
  minutes(page).getByRole('group', { name, exact: true });
const details = (page: Page, name: string) =>
  page.locator('.genogram-panel').getByRole('heading', { name, exact: true });
/** The chair's section and pane are marked by an outline and an underline of the pane's bar. */
const marked = (page: Page, name: string) =>
  expect(section(page, name)).toHaveCSS('outline-style', 'solid');
const unmarked = (page: Page, name: string) =>
  expect(section(page, name)).toHaveCSS('outline-style', 'none');
const paneBar = (page: Page, pane: string) => page.locator(`#room-pane-${pane} > .room-pane__bar`);
/**
 * The visible elements matching `selector` that something else is drawn over at their centre,
 * by their text: what a pointer could not reach there.
 */
const uncovered = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((element) => (element as HTMLElement).offsetParent !== null)
      .filter((element) => {
        const box = element.getBoundingClientRect();
        const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return !top || !element.contains(top);
      })
      .map((element) => element.textContent),
  );
const following = (page: Page) => page.getByRole('checkbox', { name: 'Follow the chair' });

test.describe("[W10] following the chair's view: person and minutes section", () => {
  test('the member sees what the chair opens and where they are in the minutes; acting alone stops following; one click returns', async ({
    browser,
    server,
  }) => {
    await drawHarpers(server.url);
    const chair = await signedInPage(browser, server.url, 'csw@demo.test');
    const member = await signedInPage(browser, server.url, 'sw@demo.test');
    for (const page of [chair, member]) {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByRole('link', { name: 'Open the meeting room' }).click();
      await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
    }
    await chair
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: 'Focus everyone here: Harper family' })
      .click();
    for (const page of [chair, member]) await expect(person(page, /^Mia Harper/)).toBeVisible();

    // The chair opens Mia: her details open on the member's screen too.
    await person(chair, /^Mia Harper/).click();
    await expect(details(chair, 'Mia Harper')).toBeVisible();
    await expect(details(member, 'Mia Harper')).toBeVisible();
    await expect(paneBar(member, 'genogram')).toHaveCSS('box-shadow', /inset/);
    // In the narrow pane the details cover the canvas, not its toolbars: at a laptop's 1366 and at
    // 1024 wide, every toolbar button and the details' heading are each on top where drawn.
    for (const width of [1024, 1366]) {
      await member.setViewportSize({ width, height: 768 });
      await expect(details(member, 'Mia Harper')).toBeVisible();
      expect(await uncovered(member, '#room-pane-genogram .genogram__toolbars button')).toEqual([]);
      expect(await uncovered(member, '#room-pane-genogram .genogram-panel h3')).toEqual([]);
    }

    // The chair writes under Decisions: the member's minutes show that section, marked.
    await section(chair, 'Decisions').locator('p').first().click();
    await chair.keyboard.type('Agreed: a visit to school next week.');
    await marked(member, 'Decisions');
    // Marking the section leaves the member's copy of the minutes alone: the words arrive whole.
    await expect(section(member, 'Decisions')).toContainText(
      'Agreed: a visit to school next week.',
    );
    await expect(section(member, 'Decisions')).toBeInViewport();
    await expect(paneBar(member, 'minutes')).toHaveCSS('box-shadow', /inset/);
    await expect(paneBar(member, 'genogram')).toHaveCSS('box-shadow', 'none');
    await shoot(member, 'follow-chair-view');
    await expect(following(member)).toBeChecked();

    // The member opens someone else (by keyboard: Mia's details cover part of the narrow pane):
    // they go their own way, and are told how to come back.
    await person(member, /^Dana Harper/).focus();
    await member.keyboard.press('Enter');
    await expect(details(member, 'Dana Harper')).toBeVisible();
    await expect(following(member)).not.toBeChecked();
    await expect(member.locator('.follow-banner')).toContainText(
      'You stopped following the chair on Harper family',
    );
    await unmarked(member, 'Decisions');

    // The chair moves on to Actions; one click brings the member back to all of it.
    await section(chair, 'Actions').locator('p').first().click();
    await member.getByRole('button', { name: "Return to chair's view" }).click();
    await expect(following(member)).toBeChecked();
    await expect(details(member, 'Mia Harper')).toBeVisible();
    await marked(member, 'Actions');
    await unmarked(member, 'Decisions');
    await expect(member.locator('.follow-banner')).toHaveCount(0);
  });
});

const HOLDS_FAMILY = 'Mia holds the family together when Mum is low';
const DAD_SHUT_OUT = 'Dad feels shut out of the plans';
const boardPane = (page: Page) => page.locator('#room-pane-board');
/** The hypothesis opened on the board: its detail, headed by its words. */
const openedHypothesis = (page: Page, text: string) =>
  boardPane(page)
    .getByTestId('board-detail')
    .getByRole('heading', { name: `Hypothesis: ${text}` });

test.describe("[W10] following the chair's view: hypothesis, person and minutes section", () => {
  test('members see the hypothesis the chair opens (a late joiner too), then the person and section; leaving is one step and returning is one step', async ({
    browser,
    server,
  }) => {
    await drawHarpers(server.url, [HOLDS_FAMILY, DAD_SHUT_OUT]);
    const chair = await signedInPage(browser, server.url, 'csw@demo.test');
    const member = await signedInPage(browser, server.url, 'sw@demo.test');
    const enterRoom = async (page: Page) => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByRole('link', { name: 'Open the meeting room' }).click();
      await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
    };
    for (const page of [chair, member]) await enterRoom(page);
    await chair
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: 'Focus everyone here: Harper family' })
      .click();
    for (const page of [chair, member])
      await expect(boardPane(page).getByRole('button', { name: HOLDS_FAMILY })).toBeVisible();
    await expect(following(member)).toBeChecked();

    // The chair opens a hypothesis on the board: it opens on the member's board too, and the
    // board is marked as the pane the chair is working in.
    await boardPane(chair).getByRole('button', { name: HOLDS_FAMILY }).click();
    await expect(openedHypothesis(chair, HOLDS_FAMILY)).toBeVisible();
    await expect(openedHypothesis(member, HOLDS_FAMILY)).toBeVisible();
    await expect(paneBar(member, 'board')).toHaveCSS('box-shadow', /inset/);

    // Someone joining now is answered with the chair's view as it stands.
    const late = await signedInPage(browser, server.url, 'clinician@demo.test');
    await enterRoom(late);
    await expect(openedHypothesis(late, HOLDS_FAMILY)).toBeVisible();
    await expect(following(late)).toBeChecked();

    // The chair opens Mia and moves to Decisions: both followers see her details and the section.
    await person(chair, /^Mia Harper/).click();
    await expect(details(chair, 'Mia Harper')).toBeVisible();
    await section(chair, 'Decisions').locator('p').first().click();
    for (const page of [member, late]) {
      await expect(details(page, 'Mia Harper')).toBeVisible();
      await marked(page, 'Decisions');
      await expect(section(page, 'Decisions')).toBeInViewport();
      await expect(paneBar(page, 'minutes')).toHaveCSS('box-shadow', /inset/);
    }

    // One step out: the member opens another hypothesis of their own; only they stop following.
    await boardPane(member).getByRole('button', { name: DAD_SHUT_OUT }).click();
    await expect(openedHypothesis(member, DAD_SHUT_OUT)).toBeVisible();
    await expect(following(member)).not.toBeChecked();
    await expect(member.locator('.follow-banner')).toContainText(
      'You stopped following the chair on Harper family',
    );
    await unmarked(member, 'Decisions');
    await expect(following(late)).toBeChecked();
    await expect(details(late, 'Mia Harper')).toBeVisible();

    // Meanwhile the chair, the first hypothesis still open, moves on to Actions.
    await expect(openedHypothesis(chair, HOLDS_FAMILY)).toBeVisible();
    await section(chair, 'Actions').locator('p').first().click();
    await marked(late, 'Actions');
    await expect(openedHypothesis(late, HOLDS_FAMILY)).toBeVisible();

    // One step back: the member sees the chair's hypothesis, person and section again.
    await member.getByRole('button', { name: "Return to chair's view" }).click();
    await expect(following(member)).toBeChecked();
    await expect(openedHypothesis(member, HOLDS_FAMILY)).toBeVisible();
    await expect(openedHypothesis(member, DAD_SHUT_OUT)).toHaveCount(0);
    await expect(details(member, 'Mia Harper')).toBeVisible();
    await marked(member, 'Actions');
    await unmarked(member, 'Decisions');
    await expect(member.locator('.follow-banner')).toHaveCount(0);
  });
});
