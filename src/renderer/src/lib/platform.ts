import { desktop } from './api-client';

export const isMac = (desktop?.platform ?? navigator.platform).toLowerCase().startsWith('mac');

/** "Mod+K" -> "⌘K" on macOS, "Ctrl+K" elsewhere. */
export function shortcutLabel(s: string): string {
  return isMac ? s.replace('Mod+', '⌘').replace('Shift+', '⇧') : s.replace('Mod+', 'Ctrl+');
}

/** True when a keydown is the platform's primary modifier + key (Cmd on macOS, Ctrl elsewhere). */
export function isMod(e: KeyboardEvent, key: string): boolean {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  return mod && !e.altKey && e.key.toLowerCase() === key;
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
