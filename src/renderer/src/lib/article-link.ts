// An article's URL is shown as a link only when following it can do nothing but open a page or a mail.
// Notebooks written before import checked URLs, or edited by hand, may still hold `javascript:` and the like:
// those are shown as plain text.
import { safeUrl } from '../../../main/core/import/safe-url';

/** The href to link an article URL with, or null when the URL must be shown as plain text. */
export function articleLinkHref(url: string | null): string | null {
  return safeUrl(url);
}
