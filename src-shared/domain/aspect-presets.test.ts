import { expect, it } from 'vitest';
import { ASPECT_PRESET_IDS, aspectPreset, cropToRatio, presetCrop, presetSize } from './aspect-presets.ts';
import { applySettingsPatch, DEFAULT_SETTINGS, GenerationSettingsSchema, ImageSideSchema } from './settings.ts';

it('gives every preset a size the settings take, for every family, within 5% of its ratio', () => {
  for (const family of ['sd1', 'sd2', 'sdxl', 'sdxl-turbo', 'playground-v2.5', 'unknown']) {
    for (const id of ASPECT_PRESET_IDS) {
      const { width, height } = presetSize(id, family);
      expect(ImageSideSchema.safeParse(width).success && ImageSideSchema.safeParse(height).success).toBe(true);
      expect(Math.abs(width / height / aspectPreset(id).ratio - 1)).toBeLessThan(0.05);
    }
  }
  expect(presetSize('16:9', 'sd2')).toEqual({ width: 1368, height: 768 });
});

it('crops to the exact ratio, centred, only when the picture is off it', () => {
  expect(cropToRatio(1536, 640, 2.39)).toEqual({ left: 3, top: 0, width: 1530, height: 640 });
  expect(cropToRatio(1152, 896, 4 / 3)).toEqual({ left: 0, top: 16, width: 1152, height: 864 });
  expect(cropToRatio(768, 512, 3 / 2)).toBeNull();
  expect(cropToRatio(512, 512, 1)).toBeNull();
});

it("crops only renders made at a size near the story's preset", () => {
  expect(presetCrop(1536, 640, '2.39:1')).toEqual({ left: 3, top: 0, width: 1530, height: 640 });
  expect(presetCrop(1024, 1024, '2.39:1')).toBeNull(); // a square render from before the preset: left whole
  expect(presetCrop(1536, 640, null)).toBeNull();
});

it('frees the size when a width or height is set without a preset, and reads settings saved before presets as free', () => {
  const scope = applySettingsPatch(DEFAULT_SETTINGS, { aspect: '2.39:1', ...presetSize('2.39:1', 'sdxl') });
  expect(scope).toMatchObject({ aspect: '2.39:1', width: 1536, height: 640 });
  expect(applySettingsPatch(scope, { steps: 20 }).aspect).toBe('2.39:1');
  expect(applySettingsPatch(scope, { height: 768 })).toMatchObject({ aspect: null, width: 1536, height: 768 });
  const { aspect: _, ...older } = DEFAULT_SETTINGS;
  expect(GenerationSettingsSchema.parse(older).aspect).toBeNull();
});
