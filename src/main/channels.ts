// IPC channel names shared by the main process and the preload (no imports: safe in both).
export const API_CHANNEL_PREFIX = 'quire:';
export const EVENT_CHANNEL = 'quire-event';
export const DESKTOP_CHANNELS = {
  pickImportPaths: 'quire-desktop:pick-import-paths',
  pickFolder: 'quire-desktop:pick-folder',
  pickSaveFile: 'quire-desktop:pick-save-file',
  pickOpenFile: 'quire-desktop:pick-open-file',
  openExternal: 'quire-desktop:open-external',
} as const;
