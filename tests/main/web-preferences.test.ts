import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../src/main/web-preferences';

describe('desktop window security baseline', () => {
  it('isolates and sandboxes the renderer, with no Node and web security on', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
