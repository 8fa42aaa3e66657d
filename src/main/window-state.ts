// Where the main window opens: the size, position and maximized state it had when it last closed, moved back
// onto a display when that display is gone or smaller. Plain data in and out, so it is tested without Electron.
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered: the window's normal (not maximized) bounds, and whether it was maximized. */
export interface WindowState extends Rect {
  maximized: boolean;
}

/** Where to open the window; without x/y Electron centres it. */
export interface WindowPlacement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1360, height: 880 } as const;
export const MIN_SIZE = { width: 720, height: 480 } as const;

const stateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

/** The remembered state from its JSON, or null when it is missing or not what this version writes. */
export function parseWindowState(json: unknown): WindowState | null {
  const parsed = stateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The state to remember for a window with these normal bounds. */
export function windowState(normalBounds: Rect, maximized: boolean): WindowState {
  const { x, y, width, height } = normalBounds;
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
    maximized,
  };
}

/**
 * Where to open the window, given the displays' work areas (the screen less task bars and menu bars). The
 * remembered bounds go on the display they overlap most, shrunk to fit it and moved fully inside it; bounds
 * that overlap no display any more (a monitor was unplugged) are centred on the primary one.
 */
export function placeWindow(saved: WindowState | null, workAreas: Rect[], primary: Rect): WindowPlacement {
  if (!saved) return { ...fit(DEFAULT_SIZE, primary), maximized: false };
  const best = workAreas
    .map((area) => ({ area, overlap: overlapArea(saved, area) }))
    .reduce<{ area: Rect; overlap: number } | null>((a, b) => (b.overlap > (a?.overlap ?? 0) ? b : a), null);
  const area = best?.area ?? primary;
  const size = fit(saved, area);
  const position = best
    ? {
        x: clamp(saved.x, area.x, area.x + area.width - size.width),
        y: clamp(saved.y, area.y, area.y + area.height - size.height),
      }
    : {
        x: area.x + Math.floor((area.width - size.width) / 2),
        y: area.y + Math.floor((area.height - size.height) / 2),
      };
  return { ...size, ...position, maximized: saved.maximized };
}

/** `size` no larger than `area`, and no smaller than the window's minimum where the area allows. */
function fit(size: { width: number; height: number }, area: Rect): { width: number; height: number } {
  return {
    width: Math.min(Math.max(size.width, MIN_SIZE.width), area.width),
    height: Math.min(Math.max(size.height, MIN_SIZE.height), area.height),
  };
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
