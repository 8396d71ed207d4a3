import fs from 'node:fs';
import mammoth from 'mammoth';
import { signedInPage, test, expect } from './fixtures.js';

test.describe('finalisation: from draft minutes to the approved record', () => {
  test('[R1][R3][R4][R10] the coordinator marks ready, the consultant approves, the minutes freeze and the DOCX holds them', async ({
    browser,
    server,
  }) => {
    const coordinator = await signedInPage(browser, server.url, 'coordinator@demo.test');
    const consultant = await signedInPage(browser, server.url, 'csw@demo.test');
    // The unit asks for approval (the default): the consultant may change that, the coordinator
    // sees it.
    await expect(
      consultant.getByLabel("Minutes marked ready wait for the consultant's approval"),
    ).toBeChecked();
    await expect(
      coordinator.getByText("Minutes marked ready wait for the consultant's approval."),
    ).toBeVisible();
    for (const page of [coordinator, consultant]) {
      await page
        .getByRole('link', { name: /Weekly unit meeting/ })
        .first()
        .click();
      await expect(page.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
    }
    await consultant
      .getByRole('navigation', { name: 'Agenda' })
      .getByRole('button', { name: /Harper family/ })
      .first()
      .click();
    const minutes = (page: typeof consultant) =>
      page.getByRole('textbox', { name: /^Minutes for Harper family/ });
    for (const page of [coordinator, consultant]) await expect(minutes(page)).toBeVisible();

    await minutes(coordinator).click();
    await coordinator.keyboard.type('Grandmother Pat offered to have the children on Tuesdays.');
    await expect(coordinator.getByTestId('save-status')).toHaveText(/Saved/);

    await coordinator.getByRole('button', { name: 'Mark ready' }).click();
    await expect(coordinator.getByText('Waiting for the consultant')).toBeVisible();
    // The consultant has no "Mark ready" to press, only "Approve" once the state reaches them.
    const approve = consultant.getByRole('button', { name: 'Approve' });
    // The room is told at once ([W11]), not at the next look-up.
    await expect(approve).toBeVisible();
    await approve.click();
    // Approving asks first ([W5]); nothing was written after "ready".
    await expect(
      consultant.getByText('Nothing has changed since they were marked ready.'),
    ).toBeVisible();
    await consultant.getByRole('button', { name: 'Yes, approve these minutes' }).click();
    await expect(consultant.getByText('Fingerprint of the record (SHA-256)')).toBeVisible();
    await expect(consultant.getByText(/approved by Amara Okafor/)).toBeVisible();
    await expect(minutes(consultant)).toHaveAttribute('contenteditable', 'false');

    // The coordinator's editor turns read-only too once the state reaches them.
    await expect(minutes(coordinator)).toHaveAttribute('contenteditable', 'false');
    await expect(coordinator.getByRole('heading', { name: 'Addenda' })).toBeVisible();

    const [download] = await Promise.all([
      consultant.waitForEvent('download'),
      consultant.getByRole('link', { name: 'Minutes for Harper family, Word (DOCX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^minutes-.*harper-family\.docx$/);
    const file = await download.path();
    const docx = fs.readFileSync(file);
    // A DOCX is a zip archive: "PK" first.
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const text = (await mammoth.extractRawText({ buffer: docx })).value;
    expect(text).toContain('Harper family');
    expect(text).toContain('Grandmother Pat offered to have the children on Tuesdays.');

    // A correction after approval goes in as an addendum.
    await coordinator
      .getByLabel('Add an addendum (a dated correction or addition)')
      .fill('Pat can do Wednesdays, not Tuesdays.');
    await coordinator.getByRole('button', { name: 'Add addendum' }).click();
    await expect(
      coordinator.getByRole('listitem').filter({ hasText: 'Pat can do Wednesdays' }),
    ).toContainText('Sue Martins');

    // The family page lists the meeting's record with its fingerprint and the addendum.
    await coordinator.goto('/');
    await coordinator.getByRole('link', { name: 'Harper family' }).first().click();
    const records = coordinator.getByRole('region', { name: 'Minutes' });
    await expect(records.getByText('Fingerprint of the record (SHA-256)')).toBeVisible();
    await expect(records).toContainText('Pat can do Wednesdays, not Tuesdays.');
  });
});
