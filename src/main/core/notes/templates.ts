// Note templates are notes whose title starts with `Templates/` (a folder of template notes, as in Obsidian's
// vault; the prefix keeps them together in the list and in an export). A new note from a template gets the
// template's text with `{{title}}`, `{{date}}` and `{{time}}` filled in. The daily note is titled with the
// researcher's local date and uses the template `Templates/Daily` when there is one.

export const TEMPLATE_PREFIX = 'Templates/';
export const DAILY_TEMPLATE = `${TEMPLATE_PREFIX}Daily`;
export const DEFAULT_DAILY_BODY = '# {{date}}\n\n';

export function isTemplate(title: string): boolean {
  return title.trim().toLowerCase().startsWith(TEMPLATE_PREFIX.toLowerCase());
}

export interface TemplateValues {
  title: string;
  /** The researcher's local date, `YYYY-MM-DD`. */
  date: string;
  /** The researcher's local time, `HH:mm`. */
  time: string;
}

/** Fills `{{title}}`, `{{date}}` and `{{time}}` (any case, spaces allowed inside the braces); leaves others as written. */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(/\{\{[ \t]*(title|date|time)[ \t]*\}\}/gi, (_m, name: string) => {
    const key = name.toLowerCase();
    return key === 'title' ? values.title : key === 'date' ? values.date : values.time;
  });
}
