// Navigation, toasts and the promise-based dialogs (confirm / choose / prompt) every feature shares.
import { messageOf } from '../lib/api-client';
import { load, oneOf, save } from '../lib/persist';

export type Section = 'library' | 'notes' | 'tags';
export type Center = 'library' | 'search' | 'notes' | 'tag' | 'trash' | 'conflicts';
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

class UiState {
  section = $state<Section>(load('section', 'library', oneOf(['library', 'notes', 'tags'] as const)));
  center = $state<Center>('library');
  main = $state<MainView>(load('main', null, isMain));
  theme = $state<Theme>(load('theme', 'system', oneOf(['system', 'light', 'dark'] as const)));
  toasts = $state<Toast[]>([]);
  choice = $state<ChoiceRequest | null>(null);
  prompt = $state<PromptRequest | null>(null);
  paletteOpen = $state(false);
  notebookDialogOpen = $state(false);
  /** Bumped to ask the search field to take focus. */
  focusSearchTick = $state(0);

  setSection(section: Section): void {
    this.section = section;
    save('section', section);
    if (section === 'library') this.center = 'library';
    if (section === 'notes') this.center = 'notes';
  }

  show(main: MainView): void {
    this.main = main;
    save('main', main);
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
