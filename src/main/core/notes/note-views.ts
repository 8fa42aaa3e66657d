// What the note editor's API methods answer: link suggestions, embeds, the links around a note, the graph.
// Plain data only: everything here crosses IPC / HTTP as JSON (api-contract.ts lists them as outputs).

/** One entry of the `[[` completion list. */
export interface LinkSuggestion {
  kind: 'note' | 'article' | 'tag' | 'highlight' | 'passage';
  /** The note, article, tag or highlight id; for a passage, the passage id. */
  id: string;
  /** What the list shows first: a title, a tag name, or the passage's opening words. */
  title: string;
  /** Source · date, "Note", "Tag · 12 passages", the article a passage is in. */
  detail: string;
  /** What goes between `[[` and `]]`. */
  target: string;
}

export interface TagRef {
  id: string;
  name: string;
  color: string;
}

/** What an embed `![[…]]` shows (and where a click on it leads). */
export type EmbedView =
  | {
      target: string;
      kind: 'passage';
      articleId: string;
      articleTitle: string;
      /** Source · date. */
      detail: string;
      passageId: string;
      /** Set when the link names a highlight rather than a whole passage. */
      highlightId: string | null;
      text: string;
      /** Tags of the highlights on the passage (of the highlight, for a highlight). */
      tags: TagRef[];
    }
  | {
      target: string;
      kind: 'article';
      articleId: string;
      articleTitle: string;
      detail: string;
      /** The article's opening passages, cut short. */
      text: string;
      tags: TagRef[];
    }
  | { target: string; kind: 'note'; noteId: string; title: string; body: string }
  | { target: string; kind: 'tag'; tagId: string; name: string; color: string; count: number }
  | { target: string; kind: 'missing'; message: string };

/** A link written in the note, with what it resolves to. */
export interface OutgoingLink {
  /** As written between `[[` and `]]` (alias removed). */
  target: string;
  kind: 'note' | 'article' | 'passage' | 'highlight' | 'tag' | 'missing';
  /** The id to open (note, article, tag or highlight), or null for a missing note. */
  id: string | null;
  /** The article for a passage or highlight. */
  articleId: string | null;
  passageId: string | null;
  /** What the panel shows: the note's, article's or tag's name (the passage's article for a passage). */
  title: string;
  embed: boolean;
}

/** A passage the note quotes (a citation) or links/embeds with `#^`. */
export interface CitedPassage {
  articleId: string;
  articleTitle: string;
  detail: string;
  passageId: string;
  highlightId: string | null;
  /** The highlight's quote, or the passage's text. */
  text: string;
  tags: TagRef[];
}

/** A note or article that names the open note's title without linking it. */
export interface Mention {
  kind: 'note' | 'article';
  id: string;
  title: string;
  /** The words around the first mention, as plain text. */
  context: string;
  /** How many times it names the title without a link (articles: in how many passages). */
  count: number;
  /** For an article: the passage of the first mention (what "Link" links to). */
  passageId: string | null;
}

export interface NoteLinks {
  noteId: string;
  outgoing: OutgoingLink[];
  cited: CitedPassage[];
  mentions: Mention[];
  /** More articles mention the title than are listed. */
  moreMentions: boolean;
}

export type GraphNodeKind = 'note' | 'article' | 'tag';

export interface GraphNode {
  /** `n:<note id>`, `a:<article id>` or `t:<tag id>`: unique across kinds. */
  key: string;
  kind: GraphNodeKind;
  id: string;
  label: string;
  /** The tag's own colour for tags; null for notes and articles (the view colours them by kind). */
  color: string | null;
}

export interface GraphEdge {
  source: string;
  target: string;
  /** link: `[[…]]` between notes (or to an article/tag); cites: a note quotes an article; tagged: an article has a passage with the tag. */
  kind: 'link' | 'cites' | 'tagged';
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The node the local graph is built around, or null for the whole notebook. */
  center: string | null;
}
