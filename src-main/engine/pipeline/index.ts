// The story pipeline's public API; see README.md.
export { generateStory } from './generate-story.ts';
export { TextEncodingCache } from './text-encodings.ts';
export type {
  FrameImage,
  ResolvedGeneration,
  StoryHooks,
  StoryProgress,
  StoryPrompt,
  StoryRequest,
  StoryResult,
  StoryTimings,
} from './story-types.ts';
