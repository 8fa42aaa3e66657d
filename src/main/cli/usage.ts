export const USAGE = `Quire — an offline research notebook

Usage:
  quire import  [--notebook DIR] [--json] PATH...        import files and folders (recursive)
  quire list    [--notebook DIR] [--json]                list the notebook's articles
  quire show    [--notebook DIR] [--json | --text] ID    one article (--text: only the cleaned text)
  quire extract [--json | --text] FILE                   what import would keep, without storing anything
  quire search  [--notebook DIR] [--json] [--limit N] QUERY
  quire search  [--notebook DIR] --json --queries FILE   one query per line in, one JSON object per line out
  quire export markdown [--notebook DIR] --out DIR [--overwrite | --keep-both]
  quire serve   [--notebook DIR] [--port N]              browser mode; first line printed: the URL with its token

The notebook is --notebook DIR, else $QUIRE_NOTEBOOK, else the default notebook in your user data folder.
Exit codes: 0 done (an import that reports failed files still exits 0), 1 notebook or I/O error, 2 bad usage.`;
