import { createProject, expect, expectSaved, test } from './fixtures.ts';

test('projects: the token leaves the address bar and a reload still works', async ({ app: page }) => {
  await expect(page).not.toHaveURL(/token=/);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(page.getByText('No projects yet')).toBeVisible();
});

test('projects: create, rename on the project page, then in the list', async ({ app: page }) => {
  await createProject(page, 'First draft');
  await expect(page).toHaveURL(/#\/projects\/[0-9a-f-]{36}$/);

  const name = page.getByLabel('Project name', { exact: true });
  await name.fill('The fox and the moon');
  await name.press('Enter');
  await expectSaved(page);
  await page.reload();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('The fox and the moon');

  // Escape and an empty name both leave the name as it was.
  await page.getByLabel('Project name', { exact: true }).fill('');
  await page.getByLabel('Project name', { exact: true }).press('Enter');
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('The fox and the moon');

  await page.getByRole('link', { name: 'All projects' }).click();
  const row = page.getByRole('listitem', { name: 'The fox and the moon' });
  await expect(row).toContainText('0 frames');
  await expect(row).toContainText('Updated just now');
  await row.getByRole('button', { name: 'Rename The fox and the moon' }).click();
  await page.getByLabel('Project name', { exact: true }).fill('Moon fox');
  await page.getByLabel('Project name', { exact: true }).press('Enter');
  await expectSaved(page);
  await page.reload();
  await expect(page.getByRole('listitem', { name: 'Moon fox' })).toBeVisible();
});

test('projects: duplicate, and delete only after confirming', async ({ app: page }) => {
  await createProject(page, 'Original');
  await page.getByRole('button', { name: 'Add frame' }).click();
  await expectSaved(page);
  await page.getByRole('link', { name: 'All projects' }).click();

  await page.getByRole('button', { name: 'Duplicate Original' }).click();
  await expect(page.getByRole('list', { name: 'Projects' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'Projects' })).not.toContainText('0 frames');

  await page.getByRole('button', { name: 'Delete Original', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Original”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('listitem', { name: 'Original', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Delete Original', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete project' }).click();
  await expect(page.getByRole('listitem', { name: 'Original', exact: true })).toHaveCount(0);
  await expectSaved(page);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Projects' }).getByRole('listitem')).toHaveCount(1);
});

test('projects: an error from the backend is shown to the user', async ({ app: page, server }) => {
  await page.goto(`${server.origin}/#/projects/00000000-0000-4000-8000-000000000000`);
  await expect(page.getByRole('alert')).toContainText(/not found|no project/i);
  await expect(page.getByText('This project could not be loaded.')).toBeVisible();
});
