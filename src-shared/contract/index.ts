export * from './define.ts';
export * from './errors.ts';
export * from './methods.ts';
export * from './client.ts';
export * from './events.ts';
export * from './envelope.ts';
export * from './images.ts';
export * from './files.ts';
