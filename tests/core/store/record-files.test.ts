import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecordFile, serializeRecordFile } from '../../../src/main/core/store/record-files';
import type { Note } from '../../../src/main/core/types';
import { note } from './helpers';

const notes = [note(1, 'first'), note(2, 'second “quoted” line\nand more'), note(3, '')];

describe('record files', () => {
  it('read back exactly what was written, with the journal position they reflect', () => {
    const text = serializeRecordFile('note', 3, 42, notes);
    expect(JSON.parse(text)).toMatchObject({ kind: 'note', shard: 3, seq: 42 });
    expect(readRecordFile('note', text)).toEqual({
      header: { kind: 'note', shard: 3, seq: 42, version: 1 },
      records: notes,
      damaged: 0,
      broken: false,
    });
  });

  it('any text a person types survives the round trip (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 60 }), { maxLength: 8 }), (bodies) => {
        const records: Note[] = bodies.map((b, i) => note(i, b));
        expect(readRecordFile('note', serializeRecordFile('note', 0, 1, records)).records).toEqual(records);
      }),
    );
  });

  it('a garbled byte inside a string is detected, and only that record is lost', () => {
    const text = serializeRecordFile('note', 0, 7, notes);
    const garbled = text.replace('second', 'secXnd');
    const read = readRecordFile('note', garbled);
    expect(read.broken).toBe(true);
    expect(read.damaged).toBe(1);
    expect(read.records.map((n) => n.id)).toEqual(['n1', 'n3']);
    expect(read.header?.seq).toBe(7);
  });

  it('a file cut off part-way keeps every whole record before the cut', () => {
    const text = serializeRecordFile('note', 0, 7, notes);
    const cut = text.slice(0, text.indexOf('"n3"'));
    const read = readRecordFile('note', cut);
    expect(read.broken).toBe(true);
    expect(read.records.map((n) => n.id)).toEqual(['n1', 'n2']);
  });

  it('a record of the wrong shape is damage, not data', () => {
    const text = serializeRecordFile('note', 0, 1, [{ ...note(1), title: 5 } as unknown as Note]);
    expect(readRecordFile('note', text)).toMatchObject({ records: [], damaged: 1, broken: true });
  });
});
