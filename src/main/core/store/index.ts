export { openNotebook, NEWER_FORMAT_MESSAGE } from './open-notebook';
export { writeFileAtomic, readFileIfExists } from './atomic-file';
export { SCHEMA_VERSION } from './notebook-file';
export type { NotebookStore, OpenOptions, CommitMeta } from './types';
export type { Change, Committed, ChangeOrigin, RecordKind, RecordTypes } from './records';
export type { Transaction } from './transaction';
