export * from './ids.ts';
export * from './settings.ts';
export * from './frame.ts';
export * from './project.ts';
export * from './render.ts';
export * from './model.ts';
export * from './job.ts';
export * from './story.ts';
