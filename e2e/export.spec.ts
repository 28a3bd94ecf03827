// The export dialog in browser mode (issue 6): frames that are not ready are listed as it opens, a PDF with
// placeholders and a GIF come down as downloads and are read back, and a project file goes back in from the
// project list.
import { readFileSync } from 'node:fs';
import { GifReader } from 'omggif';
import { PDFDocument } from 'pdf-lib';
import { expectNoActiveJobs, expectThumbnailsLoaded, openNewStory } from './editor-helpers.ts';
import { callApi, expect, frameCard, test } from './fixtures.ts';

test.use({ viewport: { width: 1440, height: 1000 } });

test('export: problems listed as the dialog opens, a PDF with placeholders and a GIF downloaded, a project file imported back', async ({ app: page, server, fixtureModels }, testInfo) => {
  const prompts = ['waking up in a burrow', 'crossing a stream', 'watching the sunset'];
  const { projectId, frameIds } = await openNewStory(page, server, { modelPath: fixtureModels.sd15, prompts });
  // A speech longer than a panel holds even at the least text size: the PDF carries it on and says where.
  const speech = Array.from({ length: 500 }, (_, i) => `word${i + 1}`).join(' ');
  await callApi(server, 'frames.update', { id: frameIds[0], patch: { shotType: 'CU', dialogue: speech, speaker: 'FOX' } });
  // Frames 1 and 2 generated, frame 3 never.
  await callApi(server, 'jobs.generate', { projectId, frameIds: frameIds.slice(0, 2) });
  await expectNoActiveJobs(server, projectId);
  await expectThumbnailsLoaded(page, 2);

  await page.keyboard.press('ControlOrMeta+E');
  const dialog = page.getByRole('dialog', { name: 'Export “Fox story”' });
  await expect(dialog).toBeVisible();
  // The frames that are not ready, before anything is clicked; generating them is the first choice.
  const problems = dialog.getByRole('region', { name: 'Frames not ready' });
  await expect(problems).toContainText('Frame 3: not generated yet');
  await expect(dialog.getByRole('button', { name: 'Generate them first' })).toHaveClass(/bg-teal-700/);
  await expect(dialog.getByRole('button', { name: 'Export with placeholders' })).not.toHaveClass(/bg-teal-700/);
  await expect(dialog.getByRole('button', { name: 'Export PDF' })).toHaveCount(0);

  // The PDF's live preview follows the choices: the missing frame is drawn as the placeholder it will be.
  const preview = dialog.getByRole('img', { name: /^Preview of the PDF/ });
  await expect(preview.locator('[data-placeholder="missing"]')).toHaveCount(1);
  await expect(preview.locator('img')).toHaveCount(2);
  await dialog.getByRole('radio', { name: '4', exact: true }).check({ force: true });
  await dialog.getByLabel(/^Title page/).check();
  await dialog.getByLabel('Notes').check();
  const pageCounter = dialog.getByText('Page 1 of 2 · A4 landscape');
  await expect(pageCounter).toBeVisible();
  // The list neither covers the page counter nor is cut off: it is whole inside the dialog's scrolling body.
  const [listBox, counterBox] = [(await problems.boundingBox())!, (await pageCounter.boundingBox())!];
  const apart = listBox.x + listBox.width <= counterBox.x || counterBox.x + counterBox.width <= listBox.x || listBox.y + listBox.height <= counterBox.y || counterBox.y + counterBox.height <= listBox.y;
  expect(apart).toBe(true);
  await problems.scrollIntoViewIfNeeded();
  await expect(problems).toBeInViewport({ ratio: 1 });
  await expect(preview).toContainText('Storyboard');
  await dialog.getByRole('button', { name: 'Next page' }).click();
  await expect(preview).toContainText('Shot 3');
  await expect(preview.locator('img')).toHaveCount(2);
  // shot 1's dialogue is longer than its panel: the preview shows where the PDF continues it, as the PDF lays it out
  await expect(preview).toContainText('Shot 1 (continued)');
  await page.screenshot({ path: testInfo.outputPath('export-dialog.png') });

  // The user exports with placeholders and the browser downloads the file.
  const pdfDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export with placeholders' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe('Fox story storyboard.pdf');
  const pdfBytes = readFileSync(await pdf.path());
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect((await PDFDocument.load(pdfBytes)).getPageCount()).toBe(2); // the title page, then three frames at four a page
  await expect(dialog.getByRole('status')).toContainText('Exported Fox story storyboard.pdf');
  await expect(page.locator(':focus')).toHaveText('Close'); // the keyboard focus stays in the dialog
  await expect(dialog.getByRole('status')).toContainText('with 1 frame as placeholders');
  await expect(dialog.getByRole('status')).toContainText("Shot 1's dialogue continues on page 2.");

  // The worksheet: rows with boxes for the shot's fields and ruled lines for notes.
  await dialog.getByRole('radio', { name: 'Worksheet' }).check({ force: true });
  await expect(preview).toContainText('Shot type / camera');
  await page.screenshot({ path: testInfo.outputPath('export-worksheet.png') });
  const sheetDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export with placeholders' }).click();
  const sheetBytes = readFileSync(await (await sheetDownload).path());
  expect((await PDFDocument.load(sheetBytes)).getPageCount()).toBeGreaterThanOrEqual(3);
  await expect(dialog.getByRole('status')).toContainText("Shot 1's dialogue continues on page");

  // The GIF: its preview plays the frames; the file has one GIF frame per story frame at the chosen width.
  await dialog.getByRole('tab', { name: 'GIF' }).click();
  await dialog.getByLabel('Width (pixels)').fill('96');
  await expect(dialog.getByText(/Frame \d of 3 · 1 s · 96 × 96 px · loops/)).toBeVisible();
  await expect(problems).toContainText('Frame 3: not generated yet');
  const gifDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export with placeholders' }).click();
  const gif = await gifDownload;
  expect(gif.suggestedFilename()).toBe('Fox story.gif');
  const gifBytes = readFileSync(await gif.path());
  expect(gifBytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  const reader = new GifReader(gifBytes);
  expect(reader.numFrames()).toBe(3);
  expect(reader.width).toBe(96);

  // The project file needs no question about problems; it comes back in from the project list.
  await dialog.getByRole('tab', { name: 'Project' }).click();
  const projectDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export project file' }).click();
  const projectFile = testInfo.outputPath('Fox story.onestory');
  await (await projectDownload).saveAs(projectFile);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('link', { name: '← All projects' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import project file…' }).click();
  await (await chooser).setFiles(projectFile);
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('Fox story (imported)');
  await expectThumbnailsLoaded(page, 2);
  expect((await callApi(server, 'projects.list', {})).map((p) => p.name).sort()).toEqual(['Fox story', 'Fox story (imported)']);

  // An aspect preset sets the size the SD 1.x model was trained at near it, and says how exports crop it.
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByLabel('Aspect ratio').selectOption('2.39:1');
  await expect(settings.getByLabel('Width', { exact: true })).toHaveValue('1024');
  await expect(settings.getByLabel('Height', { exact: true })).toHaveValue('432');
  await expect(settings).toContainText('exports crop it to 2.39:1 (1024 × 428)');
  // The board shows the pictures cropped to the preset's ratio too.
  const picture = frameCard(page, 1).getByRole('button', { name: 'Edit frame 1', exact: true });
  await expect.poll(async () => {
    const box = (await picture.boundingBox())!;
    return Math.round((box.width / box.height) * 100) / 100;
  }).toBeCloseTo(2.39, 1);
  await settings.getByLabel('Width', { exact: true }).fill('512');
  await settings.getByLabel('Width', { exact: true }).press('Tab');
  await expect(settings.getByLabel('Aspect ratio')).toHaveValue('free');
});
