/** IPC channel names shared by the main process and the preload. */
export const API_CHANNEL = 'onestory:api';
export const EVENT_CHANNEL = 'onestory:event';
export const SAVE_EXPORT_CHANNEL = 'onestory:save-export';
export const IMPORT_PROJECT_CHANNEL = 'onestory:import-project';
export const SAVE_IMAGE_CHANNEL = 'onestory:save-image';
export const DRAG_IMAGE_CHANNEL = 'onestory:drag-image';
