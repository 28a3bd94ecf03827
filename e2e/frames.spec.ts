import { addFrame, createProject, drag, expect, expectSaved, frameCard, expectPrompts, inspectFrame, inspector, test } from './fixtures.ts';
import type { Page } from '@playwright/test';

// Tall enough that the whole story is on screen: drags start and end on visible handles.
test.use({ viewport: { width: 1280, height: 1600 } });

const STORY = [
  { prompt: 'waking up in a burrow', caption: 'Morning' },
  { prompt: 'crossing a stream on stones', caption: 'The journey' },
  { prompt: 'watching the sunset from a hill', caption: 'Evening' },
];

async function addStory(page: Page): Promise<void> {
  await createProject(page, 'Fox story');
  await page.getByLabel('Identity prompt').fill('a watercolor illustration of a red fox');
  for (const { prompt, caption } of STORY) await addFrame(page, prompt, caption);
  await expectSaved(page);
}

test('frames: add three, reorder by drag, reload keeps order and texts; delete persists', async ({ app: page }) => {
  await addStory(page);
  await expectPrompts(page, STORY.map((f) => f.prompt));

  await drag(page, frameCard(page, 3).getByRole('button', { name: 'Drag to reorder frame 3' }), frameCard(page, 1).getByRole('button', { name: 'Drag to reorder frame 1' }));
  const reordered = [STORY[2], STORY[0], STORY[1]];
  await expectPrompts(page, reordered.map((f) => f.prompt));
  await expectSaved(page);

  await page.reload();
  await expectPrompts(page, reordered.map((f) => f.prompt));
  for (const [i, frame] of reordered.entries()) await expect((await inspectFrame(page, i + 1)).getByLabel('Caption')).toHaveValue(frame.caption);
  await expect(page.getByLabel('Identity prompt')).toHaveValue('a watercolor illustration of a red fox');

  await (await inspectFrame(page, 2)).getByRole('button', { name: 'Delete frame 2' }).click();
  await expectPrompts(page, [STORY[2].prompt, STORY[1].prompt]);
  await expectSaved(page);
  await page.reload();
  await expectPrompts(page, [STORY[2].prompt, STORY[1].prompt]);
});

test('frames: reorder from the keyboard, with the drag handle and with the move buttons', async ({ app: page }) => {
  await addStory(page);

  // dnd-kit's keyboard sensor: space picks up, arrows move, space drops. Each step waits for the
  // screen reader announcement, as a person waits to see the card move.
  const announced = (text: string) => expect(page.getByRole('status').filter({ hasText: text })).toHaveCount(1);
  await frameCard(page, 1).getByRole('button', { name: 'Drag to reorder frame 1' }).focus();
  await page.keyboard.press('Space');
  await announced('Frame 1 is over position 1.');
  await page.keyboard.press('ArrowDown');
  await announced('Frame 1 is over position 2.');
  await page.keyboard.press('ArrowDown');
  await announced('Frame 1 is over position 3.');
  await page.keyboard.press('Space');
  await announced('Frame 1 was moved to position 3.');
  await expectPrompts(page, [STORY[1].prompt, STORY[2].prompt, STORY[0].prompt]);

  // The inspector's move buttons keep focus, so pressing Enter again keeps moving the same frame; at the top, focus
  // goes to "down".
  await (await inspectFrame(page, 3)).getByRole('button', { name: 'Move frame 3 up' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expectPrompts(page, [STORY[0].prompt, STORY[1].prompt, STORY[2].prompt]);
  await expect(inspector(page).getByRole('button', { name: 'Move frame 1 down' })).toBeFocused();

  await expectSaved(page);
  await page.reload();
  await expectPrompts(page, STORY.map((f) => f.prompt));
});

test('frames: notes and duration persist; typing is saved when the field is left', async ({ app: page }) => {
  await createProject(page, 'Details');
  await addFrame(page, 'a quiet street', 'Dawn');
  const card = await inspectFrame(page, 1);
  await card.getByLabel('Notes').fill('hold on the lamp post');
  await card.getByLabel('Duration (s)').fill('2.5');
  await card.getByLabel('Duration (s)').blur();
  await expectSaved(page);

  await page.reload();
  const reloaded = await inspectFrame(page, 1);
  await expect(reloaded.getByLabel('Notes')).toHaveValue('hold on the lamp post');
  await expect(reloaded.getByLabel('Duration (s)')).toHaveValue('2.5');
});

test('frames: duplicate puts a copy right after; a deleted frame comes back with undo; small cards show the same frames', async ({ app: page }) => {
  await addStory(page);
  await (await inspectFrame(page, 1)).getByRole('button', { name: 'Duplicate frame 1' }).click();
  await expectPrompts(page, [STORY[0].prompt, STORY[0].prompt, STORY[1].prompt, STORY[2].prompt]);
  // The copy is the frame shown in the inspector.
  await expect(inspector(page).getByRole('heading', { name: 'Frame 2', exact: true })).toBeVisible();
  await expect(inspector(page).getByLabel('Caption')).toHaveValue(STORY[0].caption);

  await (await inspectFrame(page, 3)).getByRole('button', { name: 'Delete frame 3' }).click();
  await expectPrompts(page, [STORY[0].prompt, STORY[0].prompt, STORY[2].prompt]);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectPrompts(page, [STORY[0].prompt, STORY[0].prompt, STORY[1].prompt, STORY[2].prompt]);
  await expect((await inspectFrame(page, 3)).getByLabel('Caption')).toHaveValue(STORY[1].caption);
  await expectSaved(page);
  await page.reload();
  await expectPrompts(page, [STORY[0].prompt, STORY[0].prompt, STORY[1].prompt, STORY[2].prompt]);

  await page.getByRole('button', { name: 'Small cards' }).click();
  await expect(page.getByRole('button', { name: 'Small cards' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('list', { name: 'Frames' })).toHaveAttribute('data-zoom', 'small');
  await expectPrompts(page, [STORY[0].prompt, STORY[0].prompt, STORY[1].prompt, STORY[2].prompt]);
});
