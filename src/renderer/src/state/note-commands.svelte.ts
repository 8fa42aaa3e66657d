// Commands around notes that go beyond one note: today's daily note, a new note from a template, the graph.
import { isTemplate, TEMPLATE_PREFIX } from '../../../main/core/notes/templates';
import { api } from '../lib/api-client';
import { localNow } from '../lib/local-time';
import { graph } from './graph.svelte';
import { notes } from './notes.svelte';
import { ui } from './ui.svelte';

export async function openDailyNote(): Promise<void> {
  await notes.flush();
  const { note, created } = await api.noteDaily(localNow());
  await notes.open(note.id);
  if (created) ui.toast(`Created today’s note “${note.title}”.`);
}

export async function newNoteFromTemplate(): Promise<void> {
  const templates = notes.sorted.filter((n) => isTemplate(n.title));
  if (templates.length === 0) {
    ui.toast(
      `No templates yet: any note titled “${TEMPLATE_PREFIX}…” is one ({{title}}, {{date}} and {{time}} are filled in).`,
    );
    return;
  }
  const templateId =
    templates.length === 1
      ? templates[0]?.id
      : await ui.choose(
          'New note from template',
          'Which template?',
          templates.map((t) => ({ id: t.id, label: t.title.slice(TEMPLATE_PREFIX.length) || t.title })),
        );
  if (!templateId) return;
  await notes.flush();
  await ui.ask({
    title: 'New note from template',
    label: 'Title',
    value: '',
    submitLabel: 'Create note',
    submit: async (title) => {
      const note = await api.noteFromTemplate({ templateId, title, ...localNow() });
      await notes.open(note.id);
    },
  });
}

/** The graph around the open note, or of the whole notebook when no note is open. */
export async function openGraph(): Promise<void> {
  await notes.flush();
  const open = ui.main?.kind === 'note' ? notes.view?.note : null;
  await graph.show(open ? { kind: 'note', id: open.id } : null);
}
