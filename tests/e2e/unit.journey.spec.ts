import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { freePort, startChildServer, type ChildServer } from '../helpers/childServer.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider.js';
import { councilLogin, expectNoAxeViolations, tabTo } from './fixtures.js';

/**
 * Issue 17's "done when", in one journey: a council's unit moves into an empty production server
 * and lives there. The operator's command creates the first administrator; everyone signs in
 * through the council's OpenID provider (a real one on loopback); the administrator sets up two
 * units and five people by keyboard; the unit opens a family, adds a newborn on the genogram,
 * holds its meeting and files three case notes; the family moves to the long-term unit, closes
 * and reopens. axe checks every administration page. Fictional people throughout.
 */

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = process.env.SCREENSHOT_DIR;

const ASSESSMENT = 'Assessment Unit 1';
const LONG_TERM = 'Long-term Unit 2';

interface Person {
  login: string;
  name: string;
  email: string;
  roles: ReadonlyArray<{ unit: string; role: string }>;
}
const ADMIN = { login: 'entra-helen', name: 'Helen Ortiz', email: 'helen.ortiz@council.test' };
const CONSULTANT: Person = {
  login: 'entra-amira',
  name: 'Amira Haddad',
  email: 'amira.haddad@council.test',
  roles: [{ unit: ASSESSMENT, role: 'Consultant social worker' }],
};
const SOCIAL_WORKER: Person = {
  login: 'entra-tomasz',
  name: 'Tomasz Nowak',
  email: 'tomasz.nowak@council.test',
  roles: [{ unit: ASSESSMENT, role: 'Social worker' }],
};
const COORDINATOR: Person = {
  login: 'entra-grace',
  name: 'Grace Mensah',
  email: 'grace.mensah@council.test',
  roles: [{ unit: ASSESSMENT, role: 'Unit coordinator' }],
};
const CLINICIAN: Person = {
  login: 'entra-rowan',
  name: 'Dr Rowan Ellis',
  email: 'rowan.ellis@council.test',
  roles: [
    { unit: ASSESSMENT, role: 'Clinician' },
    { unit: LONG_TERM, role: 'Clinician' },
  ],
};
const LONG_TERM_CONSULTANT: Person = {
  login: 'entra-fiona',
  name: 'Fiona Doyle',
  email: 'fiona.doyle@council.test',
  roles: [{ unit: LONG_TERM, role: 'Consultant social worker' }],
};
const PEOPLE = [CONSULTANT, SOCIAL_WORKER, COORDINATOR, CLINICIAN, LONG_TERM_CONSULTANT];

const FAMILY = 'Lindqvist family';
/** A date `days` before today, as the date fields take it: a newborn is never born in the future. */
const daysAgo = (days: number) =>
  new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
const CHILDREN = [
  { name: 'Elsa Lindqvist', born: '2016-05-09', caseRecordId: 'LCS-730114' },
  { name: 'Nils Lindqvist', born: '2019-11-23', caseRecordId: 'LCS-730115' },
  { name: 'Baby Lindqvist', born: daysAgo(9), caseRecordId: 'LCS-730116' },
] as const;

let provider: TestOidcProvider;
let server: ChildServer;
let dataDir: string;
let base: string;

test.beforeAll(async () => {
  provider = await startOidcProvider(
    [ADMIN, ...PEOPLE].map(({ login, email, name }) => ({
      login,
      email,
      name,
      emailVerified: true,
    })),
  );
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-e2e-journey-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  provider.allowRedirect(`${base}/api/sign-in/council/callback`);
  const production = {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: base,
    ALLOWED_ORIGINS: base,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_ALLOWED_DOMAINS: 'council.test',
    // Unset: production's defaults (no demo, scratch roots refused).
    SEED_DEMO: '',
    UNITROOM_ALLOW_UNKNOWN_ROOTS: '',
  };

  // The operator's command, as docs/operations.md gives it, on the empty store.
  const created = await run(
    'npm',
    ['run', 'admin', '--', 'create-admin', '--email', ADMIN.email, '--name', ADMIN.name],
    { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ...production } },
  );
  expect(created.stdout).toContain(`Administrator ${ADMIN.name} <${ADMIN.email}> created.`);
  expect(created.stdout).toContain(`${base}/account/set-password#`);

  server = await startChildServer(dataDir, production);
});

// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
test.afterEach(async ({}, testInfo) => {
  // A failure in the browser often starts in the server: keep what it printed.
  if (testInfo.status !== testInfo.expectedStatus)
    await testInfo.attach('server output', { body: server?.output() ?? '' });
});

test.afterAll(async () => {
  server?.process.kill('SIGTERM');
  await server?.exited;
  await provider?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test.use({ viewport: { width: 1366, height: 768 } });

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `journey-${name}.png`) });
}

/** A browser of one's own, signed in through "Sign in with your council account". */
async function councilSignIn(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Sign in with your council account' }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  await councilLogin(page, login);
  await page.waitForURL((url) => url.origin === base && !url.pathname.startsWith('/sign-in'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return page;
}

/** An administration page: its heading is shown, then axe must find nothing on it. */
async function checkAdminPage(page: Page, heading: string, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expectNoAxeViolations(page, name);
  await shot(page, name);
}

const adminNav = (page: Page, name: 'Units' | 'People') =>
  page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name });

test('[A1][A2][A10][I8][F1][F2][F5][F6][F8][F11] from an empty production server to a working unit: administrator, units, people, a family with a newborn, a meeting, three case notes, a transfer, closing and reopening', async ({
  browser,
}) => {
  // One whole journey of six people in one test: 2.5 to 3.6 min measured on a busy 2-core machine.
  test.setTimeout(360_000);

  // ---- The first administrator signs in through the council, into an empty Unitroom. ----
  const admin = await councilSignIn(browser, ADMIN.login);
  await admin.getByRole('link', { name: 'Administration' }).click();
  await checkAdminPage(admin, 'Units', 'admin-units-empty');
  // Production seeds nothing: no demo unit, nobody but the administrator.
  await expect(admin.getByText('There are no units yet.')).toBeVisible();
  const keys = admin.keyboard;

  // Two units, by keyboard: Tab to the name, type it, Enter.
  for (const unit of [ASSESSMENT, LONG_TERM]) {
    await adminNav(admin, 'Units').click();
    await expect(admin.getByRole('heading', { level: 1, name: 'Units' })).toBeVisible();
    await tabTo(admin, admin.getByLabel('Unit name'));
    await keys.type(unit);
    await keys.press('Enter');
    await expect(admin.getByRole('heading', { level: 1, name: unit })).toBeVisible();
  }
  await checkAdminPage(admin, LONG_TERM, 'admin-unit-empty');

  // Five people, each by keyboard, and their roles (the clinician in both units).
  await adminNav(admin, 'People').click();
  await checkAdminPage(admin, 'People', 'admin-people');
  for (const person of PEOPLE) {
    await tabTo(admin, admin.getByLabel('Full name'));
    await keys.type(person.name);
    await keys.press('Tab');
    await expect(admin.getByLabel('Email address')).toBeFocused();
    await keys.type(person.email);
    await keys.press('Enter');
    await expect(admin.getByLabel(`One-time link for ${person.name}`)).toHaveValue(
      /\/account\/set-password#.+/,
    );
    if (person === CONSULTANT) await checkAdminPage(admin, 'People', 'admin-people-link');
    await tabTo(admin, admin.getByRole('link', { name: `Give ${person.name} a role in a unit` }));
    await keys.press('Enter');
    await expect(admin.getByRole('heading', { level: 1, name: person.name })).toBeVisible();
    for (const { unit, role } of person.roles) {
      const unitField = admin.getByLabel('Unit', { exact: true });
      await tabTo(admin, unitField);
      await keys.type(unit);
      await expect(unitField.locator('option:checked')).toHaveText(unit);
      await keys.press('Tab');
      await keys.type(role);
      await expect(admin.getByLabel('Role in that unit').locator('option:checked')).toHaveText(
        role,
      );
      await tabTo(admin, admin.getByRole('button', { name: 'Add to unit' }));
      await keys.press('Enter');
      await expect(admin.getByRole('status').filter({ hasText: `joined ${unit}` })).toBeVisible();
      await expect(
        admin.getByRole('listitem').filter({ hasText: `${unit}: ${role}` }),
      ).toBeVisible();
    }
    if (person === CLINICIAN) await checkAdminPage(admin, person.name, 'admin-person');
    await adminNav(admin, 'People').click();
    await expect(admin.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  }
  await checkAdminPage(admin, 'People', 'admin-people-all');
  // Signed in with a council account, the administrator needs no password: shown as active.
  await expect(admin.getByRole('row').filter({ hasText: ADMIN.email })).toContainText('Active');
  await adminNav(admin, 'Units').click();
  await admin.getByRole('link', { name: ASSESSMENT }).click();
  await checkAdminPage(admin, ASSESSMENT, 'admin-unit');
  const members = admin.getByRole('row');
  await expect(members.filter({ hasText: CONSULTANT.name })).toContainText(
    'Consultant social worker',
  );
  await expect(members.filter({ hasText: CLINICIAN.name })).toContainText('Clinician');
  await adminNav(admin, 'Units').click();
  await checkAdminPage(admin, 'Units', 'admin-units');
  await admin.context().close();

  // ---- The consultant opens a family with two children. ----
  const consultant = await councilSignIn(browser, CONSULTANT.login);
  await consultant.getByRole('link', { name: 'Open a family' }).click();
  await expect(consultant.getByRole('heading', { level: 1, name: 'Open a family' })).toBeVisible();
  await consultant.getByLabel('Family name').fill(FAMILY);
  for (const [index, child] of CHILDREN.slice(0, 2).entries()) {
    if (index > 0) await consultant.getByRole('button', { name: 'Add another child' }).click();
    await consultant.getByLabel('Name', { exact: true }).nth(index).fill(child.name);
    await consultant.getByLabel('Date of birth').nth(index).fill(child.born);
    await consultant.getByLabel('Case record id (optional)').nth(index).fill(child.caseRecordId);
  }
  await consultant.getByLabel('Lead worker (optional)').selectOption({ label: SOCIAL_WORKER.name });
  await consultant.getByRole('button', { name: 'Open the family' }).click();
  await expect(consultant.getByRole('heading', { level: 1, name: FAMILY })).toBeVisible();
  const familyUrl = consultant.url();
  const familyId = new URL(familyUrl).pathname.split('/').pop() ?? '';
  /** This browser's offline copies (IndexedDB) of the family's document. */
  const offlineCopiesOfFamily = (page: Page) =>
    page.evaluate(async (id) => {
      const names = (await indexedDB.databases()).map((database) => database.name ?? '');
      return names.filter((name) => name.endsWith(`:family:${id}`)).length;
    }, familyId);

  // ---- The social worker adds the newborn on the genogram and marks them. ----
  const worker = await councilSignIn(browser, SOCIAL_WORKER.login);
  await worker.getByRole('link', { name: FAMILY, exact: true }).click();
  await expect(worker.getByRole('heading', { level: 1, name: FAMILY })).toBeVisible();
  const canvas = worker.getByTestId('genogram-canvas');
  for (const child of CHILDREN.slice(0, 2))
    await expect(canvas.getByRole('button', { name: new RegExp(`^${child.name}`) })).toBeVisible();
  const baby = CHILDREN[2];
  await worker.getByRole('button', { name: 'Add person', exact: true }).click();
  const addPerson = worker.getByRole('dialog', { name: 'Add a person' });
  await addPerson.getByLabel('Name').fill(baby.name);
  await addPerson.getByRole('button', { name: 'Add person' }).click();
  await expect(addPerson).toBeHidden();
  await canvas.getByRole('button', { name: new RegExp(`^${baby.name}`) }).press('Enter');
  const panel = worker.getByTestId('genogram-panel');
  await panel.getByLabel('Born').fill(baby.born);
  await panel.getByLabel('Born').press('Enter');
  await panel.getByLabel("Id in the council's case recording system").fill(baby.caseRecordId);
  await panel.getByLabel("Id in the council's case recording system").press('Enter');
  await panel.getByRole('checkbox', { name: 'Child of concern' }).check();
  await expect(worker.getByTestId('genogram-status')).toContainText('child of concern');
  // The family's page lists the newborn among the children the unit works for.
  await worker.reload();
  await expect(worker.locator('.family-lifecycle')).toContainText(
    `${baby.name}, born ${longDate(baby.born)}, case record ${baby.caseRecordId}`,
  );

  // ---- The consultant plans the meeting; the coordinator and the clinician join it. ----
  await consultant.goto('/');
  await consultant.getByRole('link', { name: 'Schedule the weekly meeting' }).first().click();
  await consultant.getByRole('button', { name: 'Schedule meetings' }).click();
  await expect(consultant.getByRole('heading', { level: 1 })).toContainText('Plan:');
  await consultant.getByRole('button', { name: `Add to the agenda: ${FAMILY}` }).click();
  await consultant.getByRole('button', { name: 'Save the agenda' }).click();
  await expect(consultant.getByText('Agenda saved.')).toBeVisible();
  await consultant.getByRole('link', { name: 'Open the meeting room' }).click();
  await expect(consultant.getByRole('navigation', { name: 'Agenda' })).toBeVisible();

  const coordinator = await councilSignIn(browser, COORDINATOR.login);
  await coordinator.getByRole('link', { name: 'Open the meeting room' }).click();
  await expect(coordinator.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
  await consultant
    .getByRole('navigation', { name: 'Agenda' })
    .getByRole('button', { name: `Focus everyone here: ${FAMILY}` })
    .click();
  const minutes = (page: Page) => page.getByRole('textbox', { name: `Minutes for ${FAMILY}` });
  for (const page of [consultant, coordinator]) {
    await expect(minutes(page)).toBeVisible();
    // A section for each of the three children, the newborn's included.
    for (const child of CHILDREN)
      await expect(
        minutes(page).getByRole('group', { name: `Risk to ${child.name}`, exact: true }),
      ).toBeVisible();
  }
  await minutes(coordinator)
    .getByRole('group', { name: `Risk to ${baby.name}`, exact: true })
    .locator('p')
    .first()
    .click();
  await coordinator.keyboard.type('Health visitor has seen the baby twice since the birth.');
  await expect(coordinator.getByTestId('save-status')).toHaveText('Saved');

  // ---- Finalised: marked ready by the coordinator, approved by the consultant. ----
  await coordinator.getByRole('button', { name: 'Mark ready' }).click();
  await expect(coordinator.getByText('Waiting for the consultant')).toBeVisible();
  await consultant.getByRole('button', { name: 'Approve' }).click();
  await consultant.getByRole('button', { name: 'Yes, approve these minutes' }).click();
  await expect(consultant.getByText('Fingerprint of the record (SHA-256)')).toBeVisible();
  await shot(consultant, 'meeting-finalised');

  // Three case notes, each filed by the child's date of birth and case-record id.
  for (const child of CHILDREN) {
    const link = consultant.getByRole('link', {
      name: `Case note for ${child.name}, Text for LCS or Mosaic`,
    });
    const href = await link.getAttribute('href');
    const note = await consultant.request.get(new URL(href ?? '', base).toString());
    expect(note.status()).toBe(200);
    const text = await note.text();
    expect(text).toContain(`Child: ${child.name}`);
    expect(text).toContain(`Date of birth: ${longDate(child.born)}`);
    expect(text).toContain(`Case record id: ${child.caseRecordId}`);
    expect(text).toContain(`Recorded by: ${COORDINATOR.name}`);
    expect(text).toContain(`Approved by: ${CONSULTANT.name}`);
  }

  // ---- The meeting is closed; the family moves to the long-term unit. ----
  await coordinator.goto('/');
  await coordinator.getByRole('link', { name: 'Plan the agenda' }).click();
  await coordinator.getByRole('button', { name: 'Close the meeting' }).click();
  await coordinator.getByRole('button', { name: 'Yes, close the meeting' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Meeting closed' })).toBeVisible();
  await expect(coordinator.getByText('Every family was reached.')).toBeVisible();

  await consultant.goto(familyUrl);
  const lifecycle = consultant.locator('.family-lifecycle');
  await lifecycle.getByRole('button', { name: 'Transfer to another unit' }).click();
  await consultant.getByLabel('Move to').selectOption({ label: LONG_TERM });
  await lifecycle.getByRole('button', { name: 'Continue' }).click();
  await expect(lifecycle.getByRole('status')).toContainText(`Transfer ${FAMILY} to ${LONG_TERM}?`);
  await shot(consultant, 'family-transfer-confirm');
  // The social worker still has the family open, with its offline copy in the browser.
  await expect.poll(() => offlineCopiesOfFamily(worker)).toBe(1);
  await lifecycle.getByRole('button', { name: `Yes, transfer to ${LONG_TERM}` }).click();

  // The social worker had the family open: told at once that it moved (not that they left).
  await expect(
    worker.getByRole('alert').filter({ hasText: 'This family has moved to another unit' }),
  ).toBeVisible();
  await shot(worker, 'family-moved-while-open');
  // ...and this browser no longer keeps its offline copy of the family's document.
  await expect.poll(() => offlineCopiesOfFamily(worker)).toBe(0);

  // The sending unit: no longer on its home page, and refused at the family's address.
  await consultant.goto('/');
  await expect(consultant.getByRole('link', { name: 'Open a family' })).toBeVisible();
  await expect(consultant.getByText(FAMILY)).toHaveCount(0);
  for (const page of [consultant, worker]) {
    await page.goto(familyUrl);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Family not found');
    for (const child of CHILDREN) await expect(page.getByText(child.name)).toHaveCount(0);
    await expect(page.getByText(FAMILY)).toHaveCount(0);
  }
  await shot(worker, 'family-refused-after-transfer');
  const refused = await worker.request.get(`/api${new URL(familyUrl).pathname}`);
  // Refused as if it did not exist: the sending unit learns nothing of it, not even that it is.
  expect(refused.status()).toBe(404);
  const refusal = await refused.text();
  for (const word of [FAMILY, ...CHILDREN.map((child) => child.name), LONG_TERM])
    expect(refusal).not.toContain(word);

  // ---- The receiving unit sees the family with its history. ----
  const receiving = await councilSignIn(browser, LONG_TERM_CONSULTANT.login);
  await receiving.getByRole('link', { name: FAMILY, exact: true }).click();
  await expect(receiving.getByRole('heading', { level: 1, name: FAMILY })).toBeVisible();
  await expect(
    receiving
      .getByTestId('genogram-canvas')
      .getByRole('button', { name: new RegExp(`^${baby.name}`) }),
  ).toBeVisible();
  const records = receiving.getByRole('region', { name: 'Minutes' });
  await expect(records.getByText('Fingerprint of the record (SHA-256)')).toBeVisible();

  // The clinician, in both units, keeps the family: through Long-term Unit 2 now.
  const clinician = await councilSignIn(browser, CLINICIAN.login);
  await clinician.goto(familyUrl);
  await expect(clinician.getByRole('heading', { level: 1, name: FAMILY })).toBeVisible();
  await expect(clinician.getByRole('link', { name: `Back to ${LONG_TERM}` })).toBeVisible();
  await clinician.context().close();

  // ---- Closed with a closing summary, then reopened. ----
  const receivingPanel = receiving.locator('.family-lifecycle');
  await receivingPanel.getByRole('button', { name: 'Close the family' }).click();
  await expect(receiving.getByLabel('Closing summary')).toBeFocused();
  await receiving.keyboard.type('The children are settled with their father; no further role.');
  await receivingPanel.getByRole('button', { name: 'Continue' }).click();
  await expect(receivingPanel.getByRole('status')).toContainText(`Close ${FAMILY}?`);
  await shot(receiving, 'family-close-confirm');
  await receivingPanel.getByRole('button', { name: 'Yes, close the family' }).click();
  await expect(
    receiving.getByRole('heading', { level: 1, name: `${FAMILY} (closed)` }),
  ).toBeVisible();
  await expect(receivingPanel).toContainText('The children are settled with their father');
  await shot(receiving, 'family-closed');
  await receiving.getByRole('button', { name: 'Reopen (a re-referral)' }).click();
  await receiving.getByRole('button', { name: `Yes, reopen ${FAMILY}` }).click();
  await expect(receiving.getByRole('heading', { level: 1, name: FAMILY })).toBeVisible();
  await expect(records.getByText('Fingerprint of the record (SHA-256)')).toBeVisible();
});
