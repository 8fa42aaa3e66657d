export { openNotebook } from './open-notebook';
export { READ_ONLY_MESSAGE } from './notebook-store';
export { writeFileAtomic, readFileIfExists } from './atomic-file';
export { migrate } from './migrations';
export { SCHEMA_VERSION } from './types';
export type {
  AnnotationsFile,
  ArticlesFile,
  NewArticle,
  NotebookFile,
  NotebookStore,
  NotesFile,
  OpenOptions,
} from './types';
