// Navigation, toasts and the promise-based dialogs (confirm / choose / prompt) every feature shares.
import { messageOf } from '../lib/api-client';
import { isString, load, oneOf, recall, remember, save } from '../lib/persist';

export type Section = 'library' | 'notes' | 'tags';
export type Center =
  'library' | 'search' | 'notes' | 'tag' | 'trash' | 'segments' | 'pictures' | 'conflicts' | 'compare-coders';
export type MainView = { kind: 'article'; id: string } | { kind: 'note'; id: string } | null;
export type Theme = 'system' | 'light' | 'dark';

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void | Promise<void> };
}

export interface ChoiceOption {
  id: string;
  label: string;
  danger?: boolean;
}
export interface ChoiceRequest {
  title: string;
  message: string;
  options: ChoiceOption[];
  resolve: (id: string | null) => void;
}
export interface PromptRequest {
  title: string;
  label: string;
  value: string;
  submitLabel: string;
  /** A memo or a description: several lines, and may be left empty (to clear it). */
  multiline?: boolean;
  /** An empty answer means something (e.g. "the top level"). */
  allowEmpty?: boolean;
  /** Throws to keep the dialog open with the error shown inline. */
  submit: (value: string) => Promise<void>;
  resolve: (done: boolean) => void;
}

const isMain = (v: unknown): v is MainView =>
  v === null ||
  (typeof v === 'object' &&
    v !== null &&
    'kind' in v &&
    'id' in v &&
    (v.kind === 'article' || v.kind === 'note') &&
    typeof v.id === 'string');

let toastSeq = 0;

const isSection = oneOf(['library', 'notes', 'tags'] as const);

class UiState {
  section = $state<Section>('library');
  /** The tag whose passages the Tags section shows. */
  tagId = $state<string | null>(null);
  center = $state<Center>('library');
  main = $state<MainView>(null);
  theme = $state<Theme>(load('theme', 'system', oneOf(['system', 'light', 'dark'] as const)));
  toasts = $state<Toast[]>([]);
  choice = $state<ChoiceRequest | null>(null);
  prompt = $state<PromptRequest | null>(null);
  paletteOpen = $state(false);
  notebookDialogOpen = $state(false);
  /** Bumped to ask the search field to take focus. */
  focusSearchTick = $state(0);

  /** What the open notebook showed when it was last open (nothing, for a notebook never opened here). */
  restore(): void {
    this.section = recall('section', 'library', isSection);
    this.tagId = this.section === 'tags' ? recall('tag', null, isString) : null;
    this.center = this.section === 'notes' ? 'notes' : 'library';
    this.main = recall('main', null, isMain);
  }

  /** `tagId`: the tag the Tags section shows. */
  setSection(section: Section, tagId: string | null = null): void {
    this.section = section;
    this.tagId = tagId;
    remember('section', section);
    remember('tag', tagId);
    if (section === 'library') this.center = 'library';
    if (section === 'notes') this.center = 'notes';
  }

  show(main: MainView): void {
    this.main = main;
    remember('main', main);
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    save('theme', theme);
  }

  toast(
    message: string,
    options: { kind?: Toast['kind']; action?: Toast['action']; ms?: number } = {},
  ): void {
    const id = ++toastSeq;
    const toast: Toast = { id, message, kind: options.kind ?? 'info' };
    if (options.action) toast.action = options.action;
    this.toasts = [...this.toasts, toast];
    const ms = options.ms ?? (options.action ? 10_000 : options.kind === 'error' ? 12_000 : 5_000);
    setTimeout(() => this.dismiss(id), ms);
  }

  error(e: unknown): void {
    this.toast(messageOf(e), { kind: 'error' });
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  choose(title: string, message: string, options: ChoiceOption[]): Promise<string | null> {
    return new Promise((resolve) => {
      this.choice?.resolve(null);
      this.choice = { title, message, options, resolve };
    });
  }

  async confirm(title: string, message: string, confirmLabel: string): Promise<boolean> {
    const picked = await this.choose(title, message, [{ id: 'ok', label: confirmLabel, danger: true }]);
    return picked === 'ok';
  }

  closeChoice(id: string | null): void {
    const c = this.choice;
    this.choice = null;
    c?.resolve(id);
  }

  ask(request: Omit<PromptRequest, 'resolve' | 'submitLabel'> & { submitLabel?: string }): Promise<boolean> {
    return new Promise((resolve) => {
      this.prompt?.resolve(false);
      this.prompt = { submitLabel: 'OK', ...request, resolve };
    });
  }

  closePrompt(done: boolean): void {
    const p = this.prompt;
    this.prompt = null;
    p?.resolve(done);
  }
}

export const ui = new UiState();
