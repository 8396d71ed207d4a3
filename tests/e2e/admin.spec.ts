import type { Page } from '@playwright/test';
import { expectNoAxeViolations, signedInPage, test, expect } from './fixtures.js';

/** Set SCREENSHOT_DIR to keep a 1366x768 picture of each administration page. */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;

/** axe finds nothing on the whole page, and (when asked) the page is kept as a picture. */
async function checkPage(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, name);
  if (SCREENSHOT_DIR)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: false });
}

const NEW_PASSWORD = 'kettle lantern orchard';

test.use({ viewport: { width: 1366, height: 768 } });

test('[A1][A2][A4][A5][A8] an administrator creates a unit, adds a clinician to two units, hands over the consultant role and deactivates someone; axe finds nothing on any page', async ({
  browser,
  server,
}) => {
  // One journey through every administration page: longer than most tests on a shared machine.
  test.setTimeout(150_000);
  const page = await signedInPage(browser, server.url, 'csw@demo.test');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Units' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Northgate Unit 4' })).toBeVisible();
  await checkPage(page, 'admin-units');

  // A unit name that is too long: the error summary names it and nothing is created.
  await page.getByLabel('Unit name').fill('x'.repeat(121));
  await page.getByRole('button', { name: 'Create unit' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Names must be 120 characters or fewer.');
  await expect(summary).toBeFocused();
  await checkPage(page, 'admin-units-error');

  // By keyboard: type the name and press Enter.
  await page.getByLabel('Unit name').fill('');
  await page.getByLabel('Unit name').pressSequentially('Riverside Unit 8');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Riverside Unit 8' })).toBeVisible();
  await expect(page.getByText('Nobody is in this unit yet.')).toBeVisible();
  await checkPage(page, 'admin-unit-empty');

  // A new person; the set-up link is shown once with a copy button.
  await page
    .getByRole('navigation', { name: 'Administration' })
    .getByRole('link', { name: 'People' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await page.getByLabel('Full name').fill('Dr Imogen Reyes');
  await page.getByLabel('Email address').fill('sw@demo.test');
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('alert')).toContainText('sw@demo.test already belongs to someone');
  await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Email address').fill('imogen.reyes@council.test');
  await page.getByRole('button', { name: 'Add person' }).click();
  const link = page.getByLabel('One-time link for Dr Imogen Reyes');
  await expect(link).toHaveValue(/\/account\/set-password#.+/);
  const setupUrl = await link.inputValue();
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await checkPage(page, 'admin-people');

  // The clinician, half-time in two units.
  await page.getByRole('link', { name: 'Give Dr Imogen Reyes a role in a unit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dr Imogen Reyes' })).toBeVisible();
  for (const unit of ['Northgate Unit 4', 'Riverside Unit 8']) {
    await page.getByLabel('Unit', { exact: true }).selectOption({ label: unit });
    await page.getByLabel('Role in that unit').selectOption({ label: 'Clinician' });
    await page.getByRole('button', { name: 'Add to unit' }).click();
    await expect(page.getByRole('status').filter({ hasText: `joined ${unit}` })).toBeVisible();
  }
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Riverside Unit 8: Clinician' }),
  ).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Northgate Unit 4: Clinician' }),
  ).toBeVisible();
  await checkPage(page, 'admin-person');

  // The demo unit's only consultant steps down: the page asks who takes over.
  await page.getByRole('link', { name: 'Northgate Unit 4' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Northgate Unit 4' })).toBeVisible();
  await page.getByLabel('New role for Amara Okafor').selectOption({ label: 'Social worker' });
  await page.getByRole('button', { name: 'Change role of Amara Okafor' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'A unit always keeps a consultant social worker',
  );
  await expect(
    page.getByRole('heading', { name: 'Who takes over from Amara Okafor?' }),
  ).toBeVisible();
  await checkPage(page, 'admin-unit-handover');
  await page
    .getByLabel('New consultant social worker')
    .selectOption({ label: 'Tom Whitfield (sw@demo.test)' });
  await page.getByRole('button', { name: 'Make them consultant and continue' }).click();
  await expect(page.getByRole('status')).toContainText(
    'Tom Whitfield is now the unit’s consultant social worker.',
  );
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'Tom Whitfield' })).toContainText('Consultant social worker');
  await expect(rows.filter({ hasText: 'Amara Okafor' })).toContainText('Social worker');
  await checkPage(page, 'admin-unit');

  // Deactivating asks first; confirmed by keyboard.
  await page.getByRole('link', { name: 'Priya Nair' }).click();
  await page.getByRole('button', { name: 'Deactivate Priya Nair' }).click();
  await expect(page.getByText('Are you sure you want to deactivate Priya Nair?')).toBeVisible();
  await checkPage(page, 'admin-person-deactivate');
  await page.getByRole('button', { name: 'Yes, deactivate Priya Nair' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Priya Nair is deactivated.');
  await expect(page.getByRole('button', { name: 'Reactivate Priya Nair' })).toBeVisible();

  // Archiving asks first too.
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Riverside Unit 8' }).click();
  await page.getByRole('button', { name: 'Archive unit' }).click();
  await checkPage(page, 'admin-unit-archive');
  await page.getByRole('button', { name: 'Yes, archive Riverside Unit 8' }).click();
  await expect(page.getByText('This unit is archived.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Add someone to this unit' })).toHaveCount(0);

  // The clinician opens the link, chooses a password, signs in and sees both units.
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1366, height: 768 },
  });
  const newcomer = await context.newPage();
  await newcomer.goto(setupUrl);
  await expect(
    newcomer.getByRole('heading', { level: 1, name: 'Choose your password' }),
  ).toBeVisible();
  await checkPage(newcomer, 'account-set-password');
  await newcomer.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await newcomer.getByLabel('Type the new password again').fill(NEW_PASSWORD);
  await newcomer.getByRole('button', { name: 'Set password' }).click();
  await expect(
    newcomer.getByRole('heading', { level: 1, name: 'Your password is set' }),
  ).toBeVisible();
  // The link works once (a fresh load: the same URL would only be a fragment navigation).
  await newcomer.goto('/sign-in');
  await newcomer.goto(setupUrl);
  await newcomer.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await newcomer.getByLabel('Type the new password again').fill(NEW_PASSWORD);
  await newcomer.getByRole('button', { name: 'Set password' }).click();
  await expect(newcomer.getByRole('alert')).toContainText('This link has already been used.');
  await newcomer.goto('/sign-in');
  await newcomer.getByLabel('Email address').fill('imogen.reyes@council.test');
  await newcomer.getByLabel('Password').fill(NEW_PASSWORD);
  await newcomer.getByRole('button', { name: 'Sign in' }).click();
  await newcomer.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await expect(newcomer.getByRole('link', { name: 'Administration' })).toHaveCount(0);

  // Changing one's own password.
  await newcomer.getByRole('link', { name: /Dr Imogen Reyes/ }).click();
  await expect(
    newcomer.getByRole('heading', { level: 1, name: 'Change your password' }),
  ).toBeVisible();
  await newcomer.getByLabel('Current password').fill('not my password');
  await newcomer.getByLabel('New password', { exact: true }).fill('another long passphrase');
  await newcomer.getByLabel('Type the new password again').fill('another long passphrase');
  await newcomer.getByRole('button', { name: 'Change password' }).click();
  await expect(newcomer.getByRole('alert')).toContainText('Your current password is not right.');
  await checkPage(newcomer, 'account-change-password');
  await newcomer.getByLabel('Current password').fill(NEW_PASSWORD);
  await newcomer.getByRole('button', { name: 'Change password' }).click();
  await expect(newcomer.getByRole('status')).toContainText('Your password is changed.');
  await context.close();
});

test('[A1] someone who is not an administrator has no link to the area and is told so at its address', async ({
  browser,
  server,
}) => {
  const page = await signedInPage(browser, server.url, 'coordinator@demo.test');
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await page.goto('/admin/people');
  await expect(
    page.getByRole('heading', { level: 1, name: 'You cannot administer Unitroom' }),
  ).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await checkPage(page, 'admin-refused');
});

test('[A11] an administrator restores an archived unit from its page, by keyboard; axe finds nothing', async ({
  browser,
  server,
}) => {
  const page = await signedInPage(browser, server.url, 'csw@demo.test');
  const me = (await (await page.request.get('/api/me')).json()) as {
    units: Array<{ id: string; name: string }>;
  };
  const unit = me.units[0]!;
  // Archiving by hand, with its confirmation, is the journey above; here it is the starting point.
  const archived = await page.request.post(`/api/admin/units/${unit.id}/archive`, {
    headers: { origin: server.url },
  });
  expect(archived.status()).toBe(204);
  await page.goto(`/admin/units/${unit.id}`);
  await expect(page.getByText('This unit is archived.')).toBeVisible();
  await checkPage(page, 'admin-unit-archived');
  // Restoring loses nothing, so it asks nothing.
  await page.getByRole('button', { name: 'Restore this unit' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(`${unit.name} is in use again.`);
  await expect(page.getByText('This unit is archived.')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Add someone to this unit' })).toBeVisible();
});
